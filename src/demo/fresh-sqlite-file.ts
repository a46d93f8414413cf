import { existsSync, rmSync } from 'node:fs';
import { TandemError } from '../domain/errors.js';

/** Removes a SQLite file and its WAL side files so the demo starts from nothing. Returns whether one existed. */
export function freshSqliteFile(path: string): boolean {
  if (/^postgres(ql)?:\/\//i.test(path)) {
    throw new TandemError('BAD_INPUT', 'tandem demo builds a fresh SQLite file and replaces it; give --db PATH to a file, not a PostgreSQL URL', { place: { field: 'db' } });
  }
  const existed = existsSync(path);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  return existed;
}
