import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase, SHARED_DATA } from './dialects.js';

const OLIST = join(SHARED_DATA, 'olist-marketing-funnel');

describe.runIf(DIALECTS.includes('postgres'))('SQLite and PostgreSQL agree', () => {
  it('gives the same funnel report, split by source, on both databases', async () => {
    const reports = [];
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await freshDatabase(dialect);
      const services = await openServices(db.location);
      try {
        await services.importFiles({ paths: [join(OLIST, 'olist_marketing_qualified_leads_dataset.csv'), join(OLIST, 'olist_closed_deals_dataset.csv')], preset: 'olist' });
        reports.push(await services.funnelReport({ from: '2017-09-01', to: '2018-12-31', by: 'source', at: new Date('2018-09-01T00:00:00Z') }));
      } finally {
        await services.close();
        await db.drop();
      }
    }
    expect(reports[1]).toEqual(reports[0]);
  });
});
