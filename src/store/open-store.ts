import { Kysely, Migrator } from 'kysely';
import type { Dialect } from 'kysely';
import { TandemError } from '../domain/errors.js';
import type { Store } from '../app/ports/store.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { createPostgresDialect, postgresHelpers } from './dialects/postgres.js';
import { createSqliteDialect, sqliteHelpers } from './dialects/sqlite.js';
import { KyselyImportStore } from './kysely-import-store.js';
import { KyselyModelStore } from './kysely-model-store.js';
import { KyselyReconcileStore } from './kysely-reconcile-store.js';
import { KyselyReplayStore } from './kysely-replay-store.js';
import { KyselyReportStore } from './kysely-report-store.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

export interface OpenedStore extends Store {
  readonly db: Kysely<Database>;
  readonly helpers: DialectHelpers;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Opens SQLite (a file path) or PostgreSQL (a postgres:// URL) and brings the schema up to date. */
export async function openStore(location: string): Promise<OpenedStore> {
  let dialect: Dialect;
  let helpers: DialectHelpers;
  if (isPostgresUrl(location)) {
    dialect = createPostgresDialect(location).dialect;
    helpers = postgresHelpers;
  } else {
    try {
      const opened = createSqliteDialect(location);
      dialect = opened.dialect;
      helpers = sqliteHelpers(opened.raw);
    } catch (e) {
      throw new TandemError('DB_UNREACHABLE', `cannot open the SQLite file ${location}: ${(e as Error).message}`);
    }
  }
  const db = new Kysely<Database>({ dialect });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const detail = error instanceof Error ? error.message : String(error);
    throw new TandemError('DB_UNREACHABLE', `cannot prepare the database at ${redact(location)}: ${detail}`);
  }
  return {
    dialect: helpers.name,
    db,
    helpers,
    imports: new KyselyImportStore(db, helpers),
    replay: new KyselyReplayStore(db, helpers),
    reports: new KyselyReportStore(db, helpers),
    models: new KyselyModelStore(db),
    reconcile: new KyselyReconcileStore(db),
    close: () => db.destroy(),
  };
}

/** A database URL without its password, for messages and logs. */
export function redact(location: string): string {
  return location.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
