import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { runCli } from '../src/cli/program.js';
import type { AttributionReport } from '../src/domain/attribution-report.js';
import { ATTRIBUTION_MODELS } from '../src/domain/attribution-model.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

/** A small company built by hand; every figure below is worked out in the fixture's terms (see deals.csv). */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'attribution');
const AT = new Date('2025-01-01T00:00:00Z');
const H1 = { from: '2024-01-01', to: '2024-06-30' };
const H2 = { from: '2024-07-01', to: '2024-12-31' };

const row = (r: AttributionReport, key: string) => r.rows.find((x) => x.key === key);

describe.each(DIALECTS)('attribution on a hand-built company (%s)', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  const report = (over: Partial<Parameters<Services['attributionReport']>[0]>) =>
    services.attributionReport({ model: 'sourced', by: 'team', from: null, to: null, at: AT, ...over });

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    const imported = await services.importFiles({ paths: [FIXTURE] });
    expect(imported.rejected).toBe(0);
  });
  afterAll(async () => {
    await services.close();
    await db.drop();
  });

  it('marketing-, sales- and partner-sourced pipeline and revenue in the first half', async () => {
    const r = await report(H1);
    // O1 (100k, first touch the Spring webinar form) and O5 (40k, the Arabic campaign's form) were won in H1.
    expect(row(r, 'marketing')).toMatchObject({ pipeline: 170_000, revenue: 140_000, deals: 2 });
    // O2 has no person: its account's only person touched it first at the partner summit.
    expect(row(r, 'partner')).toMatchObject({ pipeline: 50_000, revenue: 0 });
    // O4 (20k, open): bob's first touch was a sales call before the deal.
    expect(row(r, 'sales')).toMatchObject({ pipeline: 20_000, revenue: 0 });
    expect(r.total).toMatchObject({ pipeline: 240_000, revenue: 140_000, deals: 2 });
    expect(r.notes.join('\n')).toMatch(/1 deal\(s\) in EUR are not included/);
  });

  it('the second half has the partner-sourced deal won in August and no new pipeline', async () => {
    const r = await report(H2);
    expect(row(r, 'partner')).toMatchObject({ revenue: 50_000, pipeline: 0 });
    expect(r.total).toMatchObject({ revenue: 50_000, pipeline: 0, deals: 1 });
  });

  it('by cohort: a half owns the deals of the people who entered in it, whenever they closed', async () => {
    const h1 = await report({ ...H1, basis: 'cohort' });
    // Globex's deal (no person) belongs to the half it was created in (March), though it closed in August.
    expect(h1).toMatchObject({ basis: 'cohort', total: { revenue: 190_000, pipeline: 240_000, deals: 3 } });
    expect(row(h1, 'partner')).toMatchObject({ revenue: 50_000 });
    expect((await report({ ...H2, basis: 'cohort' })).total).toMatchObject({ revenue: 0, pipeline: 0 });
  });

  it('duplicates, touches after the close and people of other accounts carry no credit', async () => {
    const linear = await report({ model: 'linear', by: 'campaign' });
    // O1 has three touches, not four (the CRM's copy of the email click is a duplicate) and not
    // five (the click on 1 July came after the close): 100k / 3 each, the extra cent to the first.
    expect(row(linear, 'Spring webinar')).toMatchObject({ revenue: 33_333.34 });
    expect(row(linear, 'Nurture Q1')).toMatchObject({ revenue: 33_333.33, touches: 2 });
    expect(row(linear, '(none)')).toMatchObject({ revenue: 33_333.33 });
    // O2 belongs to globex: only carol's touch credits it, not acme's or other.example's people.
    expect(row(linear, 'Partner summit')).toMatchObject({ revenue: 50_000, deals: 1 });
    expect(row(linear, 'حملة الربيع')).toMatchObject({ revenue: 40_000 });
    expect(linear.total.revenue).toBe(190_000);
    const last = await report({ model: 'last-touch', by: 'campaign' });
    expect(row(last, 'Nurture Q1')?.revenue).toBe(0);
  });

  it('a deal in another currency is reported on its own', async () => {
    const r = await report({ by: 'campaign', currency: 'EUR' });
    expect(r.rows.filter((x) => x.revenue > 0)).toMatchObject([{ key: 'Spring webinar', revenue: 9_000 }]);
  });

  it('cost and return from the imported campaign costs', async () => {
    const r = await report({ ...H1, by: 'campaign' });
    // The Spring webinar cost 10,000 (all in January) and sourced O1 (100k); it touched alice and eve
    // when they became inquiries.
    expect(row(r, 'Spring webinar')).toMatchObject({ cost: 10_000, returnOnSpend: 10, costPerInquiry: 5_000, costPerDeal: 10_000 });
    // The partner summit's cost counts though it returned nothing in H1.
    expect(row(r, 'Partner summit')).toMatchObject({ cost: 5_000, revenue: 0, returnOnSpend: 0 });
    expect(r.total.cost).toBe(21_000);
    expect(r.total.costPerInquiry).toBe(3_500);
  });

  it('every model credits exactly the period revenue, and the comparison shows the spread', async () => {
    const c = await services.compareAttributionModels({ ...H1, by: 'team', models: ATTRIBUTION_MODELS, at: AT });
    for (const m of c.models) {
      expect(m.total.revenue, m.model).toBe(140_000);
      expect(m.rows.reduce((n, x) => n + x.revenue, 0), m.model).toBeCloseTo(140_000, 6);
    }
    const marketing = c.rows.find((x) => x.key === 'marketing')!;
    // O1 is FT/LC form fill (marketing), an email click (marketing), then a sales meeting; O5 is all marketing.
    expect(marketing.revenue).toMatchObject({ sourced: 140_000, 'first-touch': 140_000, 'last-touch': 40_000, linear: 106_666.67, 'w-shaped': 110_000, 'u-shaped': 130_000, 'full-path': 95_000 });
    expect(marketing.revenueSpread).toBe(100_000);
  });

  it('stage influence: who touched the people who became opportunities', async () => {
    const r = await services.stageInfluence({ by: 'team', from: null, to: null, windowDays: 60 });
    const intoOpportunity = r.transitions.find((t) => t.to === 'opportunity')!;
    // Alice, Bob, Dan, Layla and Eve had deals created for them (Globex's deal names no person, so
    // Carol's journey has no opportunity stage). Within 60 days before: marketing touched all but
    // Bob; sales met or called Alice, Bob and Dan.
    expect(intoOpportunity.moved).toBe(5);
    expect(intoOpportunity.rows).toEqual([
      { key: 'marketing', people: 4, share: 0.8 },
      { key: 'sales', people: 3, share: 0.6 },
    ]);
    const shortWindow = await services.stageInfluence({ by: 'team', from: null, to: null, windowDays: 7 });
    // Within 7 days only Alice's meeting (28 Feb → 1 Mar) and Bob's call (10 → 15 Feb) count; Layla's
    // form fill was 7.6 days before her deal.
    expect(shortWindow.transitions.find((t) => t.to === 'opportunity')!.rows).toEqual([{ key: 'sales', people: 2, share: 0.4 }]);
  });

  it('the CLI prints the report as JSON in the agreed shape, and rejects a bad --by', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const deps = { open: openServices, admin: storeAdmin, defaultDb: db.location, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const code = await runCli(['report', 'attribution', '--model', 'linear', '--by', 'channel', '--from', H1.from, '--to', H1.to, '--at', '2025-01-01', '--format', 'json'], deps);
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n')) as AttributionReport;
    expect(json).toMatchObject({ model: 'linear', by: 'channel', currency: 'USD', total: { revenue: 140_000 } });
    expect(Object.keys(json.rows[0]!)).toEqual(expect.arrayContaining(['key', 'touches', 'pipeline', 'revenue', 'deals']));
    expect(await runCli(['report', 'attribution', '--by', 'owner'], deps)).toBe(64);
    expect(err.join('\n')).toMatch(/--by must be one of team, channel, campaign/);
  });

  it('the CLI prints the comparison, stage influence and the funnel report, and names a bad half-life', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const deps = { open: openServices, admin: storeAdmin, defaultDb: db.location, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runCli(['report', 'attribution', '--compare-models', '--by', 'team', '--from', H1.from, '--to', H1.to, '--format', 'csv'], deps)).toBe(0);
    const csv = out.join('\n');
    expect(csv.split('\n')[0]).toBe('table,team,sourced,first-touch,last-touch,linear,time-decay,u-shaped,w-shaped,full-path,spread,spread share');
    expect(csv).toMatch(/marketing,140000,140000,40000,106666\.67,/);
    // Campaign costs are imported: the return of each team's spend under each model (marketing spent 16,000 in H1).
    expect(csv).toMatch(/Return on spend under each model[^\n]*,marketing,16000,8\.75×,8\.75×,2\.50×,/);
    out.length = 0;
    expect(await runCli(['report', 'influence', '--by', 'campaign', '--window', '60', '--format', 'md'], deps)).toBe(0);
    expect(out.join('\n')).toMatch(/### Into opportunity \(sql → opportunity\): 5 people moved/);
    out.length = 0;
    // The funnel report keeps its own --by (a person field) beside its subcommands.
    expect(await runCli(['report', '--by', 'source', '--format', 'json'], deps)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ by: 'source' });
    expect(await runCli(['report', 'attribution', '--model', 'time-decay', '--half-life', 'soon'], deps)).toBe(64);
    expect(err.join('\n')).toMatch(/--half-life must be a number of days, not "soon"/);
  });

  it('re-importing the same files changes no figure', async () => {
    const before = await report({ model: 'w-shaped', by: 'campaign' });
    const again = await services.importFiles({ paths: [FIXTURE] });
    expect(again.activitiesInserted).toBe(0);
    expect(await report({ model: 'w-shaped', by: 'campaign' })).toEqual(before);
  });
});
