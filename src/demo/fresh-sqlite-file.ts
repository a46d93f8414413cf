import { existsSync, rmSync } from 'node:fs';
import { TandemError } from '../domain/errors.js';

/** The demo only ever replaces a SQLite file: a server database is refused before anything is done. */
export function assertSqliteFile(path: string): void {
  if (/^postgres(ql)?:\/\//i.test(path)) {
    throw new TandemError('BAD_INPUT', 'tandem demo builds a fresh SQLite file and replaces it; give --db PATH to a file, not a PostgreSQL URL', { place: { field: 'db' } });
  }
}

/** Removes a SQLite file and its WAL side files so the demo starts from nothing. Returns whether one existed. */
export function freshSqliteFile(path: string): boolean {
  assertSqliteFile(path);
  const existed = existsSync(path);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  return existed;
}
