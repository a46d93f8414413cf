import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-replay-queue.js';
import * as m003 from './003-person-sources.js';

/** Migrations bundled in code (no file-system scanning), applied in key order. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => ({ '001-initial': m001, '002-replay-queue': m002, '003-person-sources': m003 }),
};
