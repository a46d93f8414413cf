import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m002 from './002-replay-queue.js';
import * as m003 from './003-server.js';
import * as m004 from './004-outbox.js';
import * as m005 from './005-campaigns.js';
import * as m006 from './006-person-sources.js';
import * as m007 from './007-activities-without-id-index.js';
import * as m008 from './008-replay-claims.js';
import * as m009 from './009-journey-funnel-indexes.js';
import * as m010 from './010-suspended-indexes.js';
import * as m011 from './011-replay-tables-without-rowid.js';

/** Migrations bundled in code (no file-system scanning), applied in key order; a few differ by database. */
export const migrationProvider = (dialect: 'sqlite' | 'postgres'): MigrationProvider => ({
  getMigrations: async (): Promise<Record<string, Migration>> => ({
    '001-initial': m001,
    '002-replay-queue': m002,
    '003-server': m003,
    '004-outbox': m004,
    '005-campaigns': m005,
    '006-person-sources': m006,
    '007-activities-without-id-index': m007,
    '008-replay-claims': m008,
    '009-journey-funnel-indexes': m009,
    '010-suspended-indexes': m010,
    '011-replay-tables-without-rowid': { up: (db) => m011.up(db, dialect) },
  }),
});
