import type { Kysely } from 'kysely';
import type { WebhookStore } from '../app/ports/webhook-store.js';
import type { Database } from './schema.js';

export class KyselyWebhookStore implements WebhookStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The primary key decides between two servers receiving the same delivery at once. */
  async claim(source: string, deliveryId: string, at: string): Promise<boolean> {
    const r = await this.db
      .insertInto('webhook_deliveries')
      .values({ source, delivery_id: deliveryId, received_at: at })
      .onConflict((oc) => oc.columns(['source', 'delivery_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async prune(beforeIso: string): Promise<number> {
    const r = await this.db.deleteFrom('webhook_deliveries').where('received_at', '<', beforeIso).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
