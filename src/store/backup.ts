import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { TandemError } from '../domain/errors.js';
import { isPostgresUrl } from './open-store.js';

const PG_ADVICE =
  'PostgreSQL is backed up with its own standard tools: `pg_dump --format=custom --file=tandem.dump "$DATABASE_URL"` ' +
  'and restored with `pg_restore --clean --if-exists --dbname="$DATABASE_URL" tandem.dump` (or continuous archiving for point-in-time recovery).';

/** An online, consistent copy of a SQLite store (SQLite's backup API: writers may keep working). */
export async function backupStore(location: string, file: string): Promise<{ pages: number }> {
  if (isPostgresUrl(location)) throw new TandemError('UNSUPPORTED', PG_ADVICE);
  if (!existsSync(location)) throw new TandemError('NOT_FOUND', `no SQLite store at ${location}`, { place: { file: location } });
  const db = new SqliteDatabase(location, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(`${file}.partial`);
    renameSync(`${file}.partial`, file);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/**
 * Replaces the SQLite store with a backup, after checking the backup is a sound Tandem store.
 * The swap is a rename, so a crash leaves either the old store or the restored one.
 */
export function restoreStore(file: string, location: string): { persons: number } {
  if (isPostgresUrl(location)) throw new TandemError('UNSUPPORTED', PG_ADVICE);
  if (!existsSync(file)) throw new TandemError('NOT_FOUND', `no backup file ${file}`, { place: { file } });
  let persons: number;
  try {
    const probe = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      const ok = probe.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(`integrity check says: ${String(ok)}`);
      persons = (probe.prepare('select count(*) as n from persons').get() as { n: number }).n;
    } finally {
      probe.close();
    }
  } catch (e) {
    throw new TandemError('BAD_INPUT', `${file} is not a sound Tandem backup: ${(e as Error).message}`, { place: { file } });
  }
  copyFileSync(file, `${location}.restoring`);
  for (const suffix of ['-wal', '-shm']) rmSync(`${location}${suffix}`, { force: true });
  renameSync(`${location}.restoring`, location);
  return { persons };
}
