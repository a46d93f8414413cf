import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { openStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-campaigns-'));
const mapping = join(dir, 'campaigns.yaml');
const first = join(dir, 'campaigns.csv');
const second = join(dir, 'campaigns-updated.csv');
writeFileSync(mapping, 'entity: campaigns\nsystem: crm\nfields:\n  externalId: Id\n  name: Name\n  channel: Channel\n  team: Team\n  cost: Cost\n  startedAt: Start\n  endedAt: End\n');
writeFileSync(
  first,
  [
    'Id,Name,Channel,Team,Cost,Start,End,Region',
    'C1,Spring webinar,webinar,marketing,"1,500.50",2024-03-01,2024-03-31,EMEA',
    'C2,حملة الربيع,paid social,partner,800,2024-04-01,,MENA',
    'C3,Bad team,email,marketers,100,2024-01-01,,US',
    'C4,Bad cost,email,marketing,lots,2024-01-01,,US',
    ',No id,email,marketing,5,2024-01-01,,US',
  ].join('\n'),
);
writeFileSync(second, 'Id,Name,Channel,Team,Cost,Start,End,Region\nC1,Spring webinar,webinar,marketing,1750,2024-03-01,2024-03-31,EMEA\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(DIALECTS)('importing campaigns (%s)', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
  });
  afterAll(async () => {
    await services.close();
    await db.drop();
  });

  it('lands good rows, rejects bad ones naming row, field and why, and updates on re-import', async () => {
    const rejects: { row: number; field: string | null; reason: string }[] = [];
    const r = await services.importFiles({ paths: [first], mapping }, { onRejects: (list) => rejects.push(...list) });
    expect(r.files[0]).toMatchObject({ entity: 'campaigns', rows: 5, rejected: 3 });
    expect(rejects.map((x) => [x.row, x.field])).toEqual([[4, 'team'], [5, 'cost'], [6, 'externalId']]);
    expect(rejects[0]!.reason).toMatch(/"marketers" is not marketing, sales, partner or other/);

    await services.importFiles({ paths: [first], mapping });
    await services.importFiles({ paths: [second], mapping });
    const store = await openStore(db.location);
    try {
      const rows = await store.db.selectFrom('campaigns').select(['external_id', 'name', 'channel', 'team', 'cost_minor', 'started_at', 'ended_at', 'attributes']).orderBy('external_id').execute();
      expect(rows.map((c) => ({ ...c, cost_minor: Number(c.cost_minor) }))).toEqual([
        { external_id: 'C1', name: 'Spring webinar', channel: 'webinar', team: 'marketing', cost_minor: 175_000, started_at: '2024-03-01T00:00:00.000Z', ended_at: '2024-03-31T00:00:00.000Z', attributes: '{"region":"EMEA"}' },
        { external_id: 'C2', name: 'حملة الربيع', channel: 'paid social', team: 'partner', cost_minor: 80_000, started_at: '2024-04-01T00:00:00.000Z', ended_at: null, attributes: '{"region":"MENA"}' },
      ]);
    } finally {
      await store.close();
    }
  });
});
