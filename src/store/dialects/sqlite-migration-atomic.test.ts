import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, sql } from 'kysely';
import type { Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteDialect } from './sqlite.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function migrate(file: string, migrations: Record<string, Migration>): Promise<unknown> {
  const db = new Kysely<unknown>({ dialect: createSqliteDialect(file).dialect });
  try {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
    return error;
  } finally {
    await db.destroy();
  }
}

describe('SQLite migrations', () => {
  it('are atomic: a migration failing half-way leaves no table behind, and the next start applies it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-migrate-'));
    dirs.push(dir);
    const file = join(dir, 'x.db');
    const failing: Migration = {
      up: async (db) => {
        await sql`create table accounts (id text primary key)`.execute(db);
        throw new Error('killed here');
      },
    };
    expect(String(await migrate(file, { '001': failing }))).toContain('killed here');
    const whole: Migration = { up: async (db) => void (await sql`create table accounts (id text primary key)`.execute(db)) };
    expect(await migrate(file, { '001': whole })).toBeUndefined();
    const db = new Kysely<unknown>({ dialect: createSqliteDialect(file).dialect });
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'accounts'`.execute(db);
    await db.destroy();
    expect(tables.rows).toEqual([{ name: 'accounts' }]);
  });
});
