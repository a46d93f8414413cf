import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, sql } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteDialect } from '../dialects/sqlite.js';
import { migrationProvider } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-migrate-011-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bundled migrations up to (and with) `last`. */
function upTo(last: string): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(await migrationProvider('sqlite').getMigrations()).filter(([name]) => name <= last)) as Record<string, Migration>,
  };
}

describe('migration 011: transitions and spans without rowid (SQLite)', () => {
  it('keeps every stored row, and the tables then hold their rows in key order, keys still enforced', async () => {
    const db = new Kysely<unknown>({ dialect: createSqliteDialect(join(dir, 'old.db')).dialect });
    try {
      expect((await new Migrator({ db, provider: upTo('010-suspended-indexes') }).migrateToLatest()).error).toBeUndefined();
      // Rows written by the schema before it, out of key order, Arabic reasons and actors included.
      for (let i = 0; i < 250; i++) {
        const person = `p${String((i * 37) % 250).padStart(3, '0')}`;
        await sql`insert into transitions values (${'v1'}, ${person}, 0, null, 'inquiry', ${`2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`}, ${'rule:inquiry.entry[0]'}, ${i % 3 === 0 ? 'سارة' : null}, ${`a${i}`})`.execute(db);
        await sql`insert into spans values (${'v1'}, ${person}, 0, 'inquiry', ${'2024-01-01T00:00:00.000Z'}, null, null)`.execute(db);
      }
      const before = {
        transitions: (await sql`select * from transitions order by model_version, person_id, seq`.execute(db)).rows,
        spans: (await sql`select * from spans order by model_version, person_id, seq`.execute(db)).rows,
      };
      expect(before.transitions).toHaveLength(250);

      expect((await new Migrator({ db, provider: migrationProvider('sqlite') }).migrateToLatest()).error).toBeUndefined();
      const ddl = (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name in ('transitions', 'spans') order by name`.execute(db)).rows;
      expect(ddl.map((t) => t.name)).toEqual(['spans', 'transitions']);
      for (const t of ddl) expect(t.sql.toLowerCase()).toMatch(/without rowid$/);
      // Read back without an order: a WITHOUT ROWID table gives its rows in key order.
      expect((await sql`select * from transitions`.execute(db)).rows).toEqual(before.transitions);
      expect((await sql`select * from spans`.execute(db)).rows).toEqual(before.spans);
      await expect(sql`insert into transitions values ('v1', 'p000', 0, null, 'mql', 'x', 'r', null, null)`.execute(db)).rejects.toThrow(/UNIQUE constraint failed/);
    } finally {
      await db.destroy();
    }
  });
});
