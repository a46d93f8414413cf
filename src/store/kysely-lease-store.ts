import type { Kysely } from 'kysely';
import type { LeaseStore } from '../app/ports/lease-store.js';
import type { Database } from './schema.js';

/** Leases as rows: taking one is a single conditional insert or update, so only one taker wins. */
export class KyselyLeaseStore implements LeaseStore {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(name: string, holder: string, now: string, until: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('leases')
      .values({ name, holder, until })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    const taken = await this.db.updateTable('leases').set({ holder, until }).where('name', '=', name).where('until', '<', now).executeTakeFirst();
    return Number(taken.numUpdatedRows) > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
  }
}
