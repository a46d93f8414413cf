import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database the store can open: a SQLite file path or a postgres:// URL. */
export interface TestDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  readonly location: string;
  drop(): Promise<void>;
}

const pgUrl = process.env.TANDEM_TEST_PG_URL;
if (process.env.CI && !pgUrl) {
  throw new Error('CI must run the store suite on PostgreSQL too: TANDEM_TEST_PG_URL is not set (see .ci/run)');
}

/** The dialects every store and end-to-end suite runs on: SQLite always, PostgreSQL when a server is given. */
export const DIALECTS: readonly ('sqlite' | 'postgres')[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

let counter = 0;

/** A fresh, empty database of the dialect, dropped by `drop()`. */
export async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-test-'));
    return { dialect, location: join(dir, 'tandem.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  return {
    dialect,
    location: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Relative path to the shared real datasets, as CI has them beside the project. */
export const SHARED_DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');
