import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelReport } from '../src/domain/funnel-report.js';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase, SHARED_DATA } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const OLIST = join(SHARED_DATA, 'olist-marketing-funnel');
const MQL_FILE = join(OLIST, 'olist_marketing_qualified_leads_dataset.csv');
const DEALS_FILE = join(OLIST, 'olist_closed_deals_dataset.csv');

/** Figures computed straight from the CSVs, independently of Tandem's code. */
function directCounts(): { mql: number; won: number; byOrigin: Map<string, { mql: number; won: number }> } {
  const mqls = parse(readFileSync(MQL_FILE), { columns: true }) as Record<string, string>[];
  const deals = parse(readFileSync(DEALS_FILE), { columns: true }) as Record<string, string>[];
  const originOf = new Map(mqls.map((m) => [m.mql_id!, m.origin || '(none)']));
  const wonIds = new Set(deals.map((d) => d.mql_id!));
  const byOrigin = new Map<string, { mql: number; won: number }>();
  for (const [id, origin] of originOf) {
    const g = byOrigin.get(origin) ?? { mql: 0, won: 0 };
    g.mql++;
    if (wonIds.has(id)) g.won++;
    byOrigin.set(origin, g);
  }
  return { mql: originOf.size, won: [...wonIds].filter((id) => originOf.has(id)).length, byOrigin };
}

describe.each(DIALECTS)('Olist funnel on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let report: FunnelReport;
  let bySource: FunnelReport;
  const expected = directCounts();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await services.importFiles({ paths: [MQL_FILE, DEALS_FILE], preset: 'olist' });
    report = await services.funnelReport({ from: null, to: null, by: null, at: new Date('2019-01-01T00:00:00Z') });
    bySource = await services.funnelReport({ from: null, to: null, by: 'source', at: new Date('2019-01-01T00:00:00Z') });
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  const stage = (r: { stages: readonly { id: string; reached: number }[] }, id: string): number => r.stages.find((s) => s.id === id)!.reached;

  it('counts 8000 MQLs and 842 won, as the CSVs do', () => {
    expect(expected.mql).toBe(8000);
    expect(expected.won).toBe(842);
    expect(stage(report, 'mql')).toBe(expected.mql);
    expect(stage(report, 'won')).toBe(expected.won);
    expect(report.revenue.wonCount).toBe(842);
  });

  it('gives mql → won of 0.10525', () => {
    expect(stage(report, 'won') / stage(report, 'mql')).toBeCloseTo(0.10525, 10);
    const won = report.stages.find((s) => s.id === 'won')!;
    expect(won.conversionFromTop).toBeCloseTo(0.10525, 10);
  });

  it('splits by source (Olist origin) exactly as a direct count of the CSVs', () => {
    const groups = new Map(bySource.groups!.map((g) => [g.key, g]));
    expect(groups.size).toBe(expected.byOrigin.size);
    for (const [origin, counts] of expected.byOrigin) {
      const g = groups.get(origin);
      expect(g, origin).toBeDefined();
      expect(stage(g!, 'mql'), origin).toBe(counts.mql);
      expect(stage(g!, 'won'), origin).toBe(counts.won);
      expect(g!.revenue.wonCount, origin).toBe(counts.won);
    }
  });

  it('re-importing the same files changes no count', async () => {
    const again = await services.importFiles({ paths: [MQL_FILE, DEALS_FILE], preset: 'olist' });
    expect(again.activitiesInserted).toBe(0);
    expect(again.rejected).toBe(0);
    const after = await services.funnelReport({ from: null, to: null, by: null, at: new Date('2019-01-01T00:00:00Z') });
    expect(after).toEqual(report);
  });

  it('filters by entry date (cohort): only MQLs first contacted in the period', async () => {
    const mqls = parse(readFileSync(MQL_FILE), { columns: true }) as Record<string, string>[];
    const inPeriod = mqls.filter((m) => m.first_contact_date! >= '2018-01-01' && m.first_contact_date! <= '2018-03-31').length;
    const r = await services.funnelReport({ from: '2018-01-01', to: '2018-03-31', by: null, at: new Date('2019-01-01T00:00:00Z') });
    expect(stage(r, 'mql')).toBe(inPeriod);
  });
});
