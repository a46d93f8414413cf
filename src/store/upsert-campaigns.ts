import type { Transaction } from 'kysely';
import type { CampaignRecord } from '../app/ports/import-records.js';
import { stableId } from './ids.js';
import { writeJson } from './json-column.js';
import type { CampaignsTable, Database } from './schema.js';

/** Campaigns are idempotent by (system, external id); a re-import updates name, channel, team, cost and dates. */
export async function upsertCampaigns(trx: Transaction<Database>, campaigns: readonly CampaignRecord[]): Promise<void> {
  const rows = new Map<string, CampaignsTable>();
  for (const c of campaigns) {
    rows.set(`${c.system}\u0000${c.externalId}`, {
      id: stableId('c', c.system, c.externalId),
      source: c.system,
      external_id: c.externalId,
      name: c.name,
      channel: c.channel,
      team: c.team,
      cost_minor: c.costMinor,
      currency: c.currency,
      started_at: c.startedAt,
      ended_at: c.endedAt,
      attributes: writeJson(c.attributes),
    });
  }
  const list = [...rows.values()];
  for (let i = 0; i < list.length; i += 200) {
    await trx
      .insertInto('campaigns')
      .values(list.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['source', 'external_id']).doUpdateSet((eb) => ({
          name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('campaigns.name')),
          channel: eb.fn.coalesce(eb.ref('excluded.channel'), eb.ref('campaigns.channel')),
          team: eb.fn.coalesce(eb.ref('excluded.team'), eb.ref('campaigns.team')),
          cost_minor: eb.fn.coalesce(eb.ref('excluded.cost_minor'), eb.ref('campaigns.cost_minor')),
          currency: eb.fn.coalesce(eb.ref('excluded.currency'), eb.ref('campaigns.currency')),
          started_at: eb.fn.coalesce(eb.ref('excluded.started_at'), eb.ref('campaigns.started_at')),
          ended_at: eb.fn.coalesce(eb.ref('excluded.ended_at'), eb.ref('campaigns.ended_at')),
          attributes: eb.ref('excluded.attributes'),
        })),
      )
      .execute();
  }
}
