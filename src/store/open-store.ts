import { Kysely, Migrator } from 'kysely';
import type { Dialect } from 'kysely';
import { TandemError } from '../domain/errors.js';
import type { Store } from '../app/ports/store.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { createPostgresDialect, postgresHelpers } from './dialects/postgres.js';
import { createSqliteDialect, sqliteHelpers } from './dialects/sqlite.js';
import { KyselyAttributionStore } from './kysely-attribution-store.js';
import { KyselyImportStore } from './kysely-import-store.js';
import { KyselyModelStore } from './kysely-model-store.js';
import { KyselyQualificationStore } from './kysely-qualification-store.js';
import { KyselyReconcileStore } from './kysely-reconcile-store.js';
import { KyselyReplayStore } from './kysely-replay-store.js';
import { KyselyReportStore } from './kysely-report-store.js';
import { migrationProvider } from './migrations/index.js';
import { KyselyAuditStore } from './kysely-audit-store.js';
import { KyselyAuthStore } from './kysely-auth-store.js';
import { KyselyImportRunStore } from './kysely-import-run-store.js';
import { KyselyPersonStore } from './kysely-person-store.js';
import { KyselyProposalStore } from './kysely-proposal-store.js';
import { KyselyWebhookStore } from './kysely-webhook-store.js';
import { retryingImportStore } from './retrying-import-store.js';
import { restoreSuspendedIndexes } from './suspended-indexes.js';
import type { Database } from './schema.js';

export interface OpenedStore extends Store {
  readonly db: Kysely<Database>;
  readonly helpers: DialectHelpers;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/** Opens SQLite (a file path) or PostgreSQL (a postgres:// URL) and brings the schema up to date. */
export interface OpenStoreOptions {
  /** Bring the schema up to date (default). When false, a database behind this code is refused. */
  readonly migrate?: boolean;
  /** Only reads, in one pass (a backtest worker): SQLite refuses writes and keeps a small page cache. */
  readonly scanReader?: boolean;
  /** SQLite page cache of this connection in MiB (default 256): a reader scanning in order needs little. */
  readonly cacheMiB?: number;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  let dialect: Dialect;
  let helpers: DialectHelpers;
  if (isPostgresUrl(location)) {
    dialect = createPostgresDialect(location).dialect;
    helpers = postgresHelpers;
  } else {
    try {
      const opened = createSqliteDialect(location, { scanReader: options.scanReader === true, cacheMiB: options.cacheMiB });
      dialect = opened.dialect;
      helpers = sqliteHelpers(opened.raw);
    } catch (e) {
      throw new TandemError('DB_UNREACHABLE', `cannot open the SQLite file ${location}: ${(e as Error).message}`);
    }
  }
  const db = new Kysely<Database>({ dialect });
  // Numbers are handed out to parallel branches, which may land out of order (007 after 008):
  // a database that already ran a later one still gets an earlier one that arrives afterwards.
  const migrator = new Migrator({ db, provider: migrationProvider(helpers.name), allowUnorderedMigrations: true });
  const schemaStatus = async (): Promise<{ pending: string[] }> => ({
    pending: (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name),
  });
  const { error } = options.migrate === false ? { error: undefined } : await migrator.migrateToLatest();
  if (options.migrate === false) {
    const pending = await schemaStatus().catch(async (e: unknown) => {
      await db.destroy();
      throw new TandemError('DB_UNREACHABLE', `cannot read the schema of ${redact(location)}: ${(e as Error).message}`);
    });
    if (pending.pending.length > 0) {
      await db.destroy();
      throw new TandemError('SCHEMA_OUTDATED', `the database at ${redact(location)} lacks migrations ${pending.pending.join(', ')}: run any tandem command without --no-migrate once to apply them`);
    }
  }
  if (error) {
    await db.destroy();
    const detail = error instanceof Error ? error.message : String(error);
    throw new TandemError('DB_UNREACHABLE', `cannot prepare the database at ${redact(location)}: ${detail}`);
  }
  // A full replay that crashed left indexes set aside: build them again (a no-op otherwise).
  if (options.migrate !== false && options.scanReader !== true) await restoreSuspendedIndexes(db);
  return {
    dialect: helpers.name,
    db,
    helpers,
    imports: retryingImportStore(new KyselyImportStore(db, helpers)),
    replay: new KyselyReplayStore(db, helpers),
    reports: new KyselyReportStore(db, helpers),
    models: new KyselyModelStore(db),
    auth: new KyselyAuthStore(db),
    audit: new KyselyAuditStore(db),
    proposals: new KyselyProposalStore(db),
    webhooks: new KyselyWebhookStore(db),
    importRuns: new KyselyImportRunStore(db),
    persons: new KyselyPersonStore(db),
    schemaStatus,
    qualification: new KyselyQualificationStore(db, helpers),
    attribution: new KyselyAttributionStore(db, helpers),
    reconcile: new KyselyReconcileStore(db),
    close: () => db.destroy(),
  };
}

/** A database URL without its password, for messages and logs. */
export function redact(location: string): string {
  return location.replace(/(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
