import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import type { CohortReport } from '../src/domain/cohort-report.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase, SHARED_DATA } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const OLIST = join(SHARED_DATA, 'olist-marketing-funnel');
const MQL_FILE = join(OLIST, 'olist_marketing_qualified_leads_dataset.csv');
const DEALS_FILE = join(OLIST, 'olist_closed_deals_dataset.csv');

/** Monthly cohorts of first_contact_date and the share of each that was won, straight from the CSVs. */
function directCohorts(): Map<string, { size: number; won: number; wonByAge: Map<number, number> }> {
  const mqls = parse(readFileSync(MQL_FILE), { columns: true }) as Record<string, string>[];
  const deals = parse(readFileSync(DEALS_FILE), { columns: true }) as Record<string, string>[];
  const wonDate = new Map(deals.map((d) => [d.mql_id!, d.won_date!]));
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  const out = new Map<string, { size: number; won: number; wonByAge: Map<number, number> }>();
  for (const m of mqls) {
    const month = m.first_contact_date!.slice(0, 7);
    const c = out.get(month) ?? { size: 0, won: 0, wonByAge: new Map<number, number>() };
    c.size++;
    const won = wonDate.get(m.mql_id!);
    if (won) {
      c.won++;
      const age = index(won) - index(m.first_contact_date!);
      c.wonByAge.set(age, (c.wonByAge.get(age) ?? 0) + 1);
    }
    out.set(month, c);
  }
  return out;
}

const mqlRows = () => parse(readFileSync(MQL_FILE), { columns: true }) as Record<string, string>[];
const dealRows = () => parse(readFileSync(DEALS_FILE), { columns: true }) as Record<string, string>[];

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const pos = (v.length - 1) / 2;
  return v[Math.floor(pos)]! + (v[Math.ceil(pos)]! - v[Math.floor(pos)]!) * (pos - Math.floor(pos));
}

describe.each(DIALECTS)('Olist cohorts on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let report: CohortReport;
  const expected = directCohorts();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await services.importFiles({ paths: [MQL_FILE, DEALS_FILE], preset: 'olist' });
    report = await services.cohortReport({ grain: 'month', from: null, to: null, split: null, at: new Date('2019-01-01T00:00:00Z') });
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('has one cohort per month of first_contact_date, of the size the CSV gives', () => {
    expect(report.cohorts.map((c) => c.cohort)).toEqual([...expected.keys()].sort());
    for (const c of report.cohorts) expect(c.size, c.cohort).toBe(expected.get(c.cohort)!.size);
    expect(report.cohorts.reduce((n, c) => n + c.size, 0)).toBe(8000);
  });

  it('gives each monthly cohort the share won that a direct count of the CSVs gives', () => {
    for (const c of report.cohorts) {
      const e = expected.get(c.cohort)!;
      const won = c.stages.find((s) => s.id === 'won')!;
      expect(won.reached, c.cohort).toBe(e.won);
      expect(won.share, c.cohort).toBeCloseTo(e.won / e.size, 12);
    }
  });

  it('builds the won triangle from the won dates, month by month of age', () => {
    for (const row of report.triangle.rows) {
      const e = expected.get(row.cohort)!;
      let cumulative = 0;
      row.cumulativeShare.forEach((share, age) => {
        cumulative += e.wonByAge.get(age) ?? 0;
        if (share !== null) expect(share, `${row.cohort} +${age}`).toBeCloseTo(cumulative / e.size, 12);
      });
    }
    // The last deal closed in 2018-11: the 2018-05 cohort is observed for 6 months of age, not 7.
    const may = report.triangle.rows.find((r) => r.cohort === '2018-05')!;
    expect(may.cumulativeShare[6]).not.toBeNull();
    expect(may.cumulativeShare[7]).toBeNull();
  });

  it('splits cohorts by Olist origin with the same totals', async () => {
    const split = await services.cohortReport({ grain: 'quarter', from: null, to: null, split: 'source', at: new Date('2019-01-01T00:00:00Z') });
    const total = split.groups!.reduce((n, g) => n + g.cohorts.reduce((m, c) => m + c.size, 0), 0);
    expect(total).toBe(8000);
    const wonTotal = split.groups!.reduce((n, g) => n + g.cohorts.reduce((m, c) => m + c.stages.find((s) => s.id === 'won')!.reached, 0), 0);
    expect(wonTotal).toBe(842);
  });

  it('compares two months as a direct count does: cohorts by first contact, flow by won date', async () => {
    const mqls = mqlRows();
    const deals = dealRows();
    const firstContact = new Map(mqls.map((m) => [m.mql_id!, m.first_contact_date!]));
    const cohort = await services.compareReport({ a: '2018-02', b: '2018-03', by: null, at: new Date('2019-01-01T00:00:00Z') });
    for (const [month, r] of [['2018-02', cohort.a], ['2018-03', cohort.b]] as const) {
      const entered = mqls.filter((m) => m.first_contact_date!.startsWith(month));
      expect(r.stages.find((s) => s.id === 'mql')!.reached, month).toBe(entered.length);
      expect(r.revenue.wonCount, month).toBe(deals.filter((d) => firstContact.get(d.mql_id!)?.startsWith(month)).length);
    }
    expect(cohort.change.stages.find((s) => s.id === 'mql')!.reached.absolute).toBe(cohort.b.stages[1]!.reached - cohort.a.stages[1]!.reached);
    const flow = await services.compareReport({ a: '2018-02', b: '2018-03', by: null, basis: 'flow', at: new Date('2019-01-01T00:00:00Z') });
    for (const [month, r] of [['2018-02', flow.a], ['2018-03', flow.b]] as const) {
      expect(r.revenue.wonCount, month).toBe(deals.filter((d) => d.won_date!.startsWith(month)).length);
      expect(r.stages.find((s) => s.id === 'won')!.reached, month).toBe(deals.filter((d) => d.won_date!.startsWith(month) && firstContact.has(d.mql_id!)).length);
    }
  });

  it('plans backwards with Olist\'s own rates: mql→won 842/8000, lag the median days from first contact to won', async () => {
    const mqls = mqlRows();
    const deals = dealRows();
    const firstContact = new Map(mqls.map((m) => [m.mql_id!, m.first_contact_date!]));
    const lag = median(deals.filter((d) => firstContact.has(d.mql_id!)).map((d) => (Date.parse(`${d.won_date!.replace(' ', 'T')}Z`) - Date.parse(`${firstContact.get(d.mql_id!)}T00:00:00Z`)) / 86_400_000));
    const dir = mkdtempSync(join(tmpdir(), 'tandem-olist-rates-'));
    writeFileSync(join(dir, 'rates.yaml'), 'averageSellingPrice: 5000\n');
    const p = await services.plan({ revenue: 1_000_000, period: '2019-Q1', ratesFile: join(dir, 'rates.yaml'), at: new Date('2019-01-01T00:00:00Z') });
    expect(p.wonNeeded).toBe(200);
    expect(p.stages.find((s) => s.id === 'mql')!.needed).toBeCloseTo(200 / (842 / 8000), 6);
    // Olist MQLs skip straight to won: the whole mql→won lag lands on mql→sal.
    expect(p.stages.find((s) => s.id === 'mql')!.lagDaysToNext).toBeCloseTo(lag, 6);
    expect(p.stages.find((s) => s.id === 'mql')!.leadDays).toBe(Math.round(lag));
  });
});
