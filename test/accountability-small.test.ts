import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { daysBetween, percentile, SMALL_FUNNEL, smallFunnel, STAGES } from './small-funnel-oracle.js';
import type { OraclePerson, Stage } from './small-funnel-oracle.js';

const AT = new Date('2024-07-01T00:00:00Z');
const { persons, deals } = smallFunnel();
const reached = (ps: readonly OraclePerson[], s: Stage): number => ps.filter((p) => p.at[s]).length;
const month = (iso: string): string => iso.slice(0, 7);
const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const inRange = (iso: string | undefined, from: string, toInclusive: string): boolean =>
  iso !== undefined && iso >= `${from}T00:00:00.000Z` && iso < new Date(Date.parse(`${toInclusive}T00:00:00Z`) + 86_400_000).toISOString();

/** Accounts as a direct count: each domain reaches a stage at its first person's time. */
function accounts(): OraclePerson[] {
  const byDomain = new Map<string, OraclePerson[]>();
  for (const p of persons.filter((x) => x.domain)) byDomain.set(p.domain!, [...(byDomain.get(p.domain!) ?? []), p]);
  return [...byDomain].map(([domain, ps]) => {
    const at: Partial<Record<Stage, string>> = {};
    for (const s of STAGES) {
      const times = ps.map((p) => p.at[s]).filter((t): t is string => t !== undefined).sort();
      if (times[0]) at[s] = times[0];
    }
    return { id: domain, domain, owner: null, source: '', at };
  });
}

describe.each(DIALECTS)('accountability reports on the small hand-built company, %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    const r = await services.importFiles({ paths: [SMALL_FUNNEL] });
    expect(r.rejected).toBe(0);
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('funnel: reached per stage and days to next (median, p90) as a direct count', async () => {
    const r = await services.funnelReport({ from: null, to: null, by: null, at: AT });
    for (const [i, s] of STAGES.entries()) {
      const stage = r.stages.find((x) => x.id === s)!;
      expect(stage.reached, s).toBe(reached(persons, s));
      const next = STAGES[i + 1];
      if (!next) continue;
      const gaps = persons.filter((p) => p.at[s] && p.at[next]).map((p) => daysBetween(p.at[s]!, p.at[next]!));
      expect(stage.medianDaysToNext, s).toBeCloseTo(percentile(gaps, 0.5)!, 6);
      expect(stage.p90DaysToNext, s).toBeCloseTo(percentile(gaps, 0.9)!, 6);
    }
    // The figures a person can check by hand in the CSVs.
    expect(r.stages.map((s) => s.reached)).toEqual([12, 9, 8, 6, 5, 4]);
    expect(r.revenue.wonAmount).toBe(550_000);
  });

  it('monthly cohorts: size, share reaching each stage and days from entry, as a direct count', async () => {
    const r = await services.cohortReport({ grain: 'month', from: null, to: null, split: null, at: AT });
    const months = [...new Set(persons.map((p) => month(p.at.inquiry!)))].sort();
    expect(r.cohorts.map((c) => c.cohort)).toEqual(months);
    for (const c of r.cohorts) {
      const cohort = persons.filter((p) => month(p.at.inquiry!) === c.cohort);
      expect(c.size).toBe(cohort.length);
      for (const s of c.stages) {
        expect(s.reached, `${c.cohort} ${s.id}`).toBe(reached(cohort, s.id));
        expect(s.share, `${c.cohort} ${s.id}`).toBeCloseTo(reached(cohort, s.id) / cohort.length, 12);
        const since = cohort.filter((p) => p.at[s.id]).map((p) => daysBetween(p.at.inquiry!, p.at[s.id]!));
        for (const [field, f] of [['medianDays', 0.5], ['p75Days', 0.75], ['p90Days', 0.9]] as const) {
          const expected = percentile(since, f);
          if (expected === null) expect(s[field]).toBeNull();
          else expect(s[field], `${c.cohort} ${s.id} ${field}`).toBeCloseTo(expected, 6);
        }
      }
    }
    expect(r.cohorts.map((c) => c.stages.find((s) => s.id === 'won')!.share)).toEqual([0.5, 0.25, 0.25]);
  });

  it('cohort triangle: cumulative share won by month of age, blank where not yet observed', async () => {
    const r = await services.cohortReport({ grain: 'month', from: null, to: null, split: null, at: AT });
    const latest = persons.flatMap((p) => Object.values(p.at)).concat(deals.map((d) => d.closed)).sort().at(-1)!;
    expect(r.observedUntil).toBe(latest);
    const first = monthIndex(r.triangle.rows[0]!.cohort);
    expect(r.triangle.ages).toEqual(Array.from({ length: monthIndex(month(latest)) - first + 1 }, (_, i) => i));
    for (const row of r.triangle.rows) {
      const cohort = persons.filter((p) => month(p.at.inquiry!) === row.cohort);
      row.cumulativeShare.forEach((share, age) => {
        if (monthIndex(row.cohort) + age > monthIndex(month(latest))) return expect(share).toBeNull();
        const won = cohort.filter((p) => p.at.won && monthIndex(month(p.at.won)) - monthIndex(row.cohort) <= age).length;
        expect(share, `${row.cohort} +${age}`).toBeCloseTo(won / cohort.length, 12);
      });
    }
    expect(r.triangle.rows[0]!.cumulativeShare).toEqual([0, 0, 0.25, 0.25, 0.5, 0.5]);
  });

  it('quarterly cohorts and a split by source keep every person once', async () => {
    const r = await services.cohortReport({ grain: 'quarter', from: null, to: null, split: 'source', at: AT });
    expect(r.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2024-Q1', 8], ['2024-Q2', 4]]);
    const keys = [...new Set(persons.map((p) => p.source))].sort();
    expect(r.groups!.map((g) => g.key)).toEqual(keys);
    for (const g of r.groups!) {
      expect(g.cohorts.reduce((n, c) => n + c.size, 0), g.key).toBe(persons.filter((p) => p.source === g.key).length);
    }
    expect(keys).toContain('معرض');
  });

  it('compare, cohort basis: two funnel reports and the change between them', async () => {
    const c = await services.compareReport({ a: '2024-01', b: '2024-Q2', by: null, at: AT });
    const a = persons.filter((p) => inRange(p.at.inquiry, '2024-01-01', '2024-01-31'));
    const b = persons.filter((p) => inRange(p.at.inquiry, '2024-04-01', '2024-06-30'));
    expect(c.a.period).toBe('2024-01');
    expect(c.b.from).toBe('2024-04-01');
    for (const s of STAGES) {
      const ch = c.change.stages.find((x) => x.id === s)!;
      expect(c.a.stages.find((x) => x.id === s)!.reached).toBe(reached(a, s));
      expect(c.b.stages.find((x) => x.id === s)!.reached).toBe(reached(b, s));
      expect(ch.reached.absolute).toBe(reached(b, s) - reached(a, s));
      expect(ch.reached.relative).toBe(reached(a, s) > 0 ? (reached(b, s) - reached(a, s)) / reached(a, s) : null);
    }
    const wonOf = (ps: OraclePerson[]) => deals.filter((d) => d.status === 'won' && ps.some((p) => p.id === d.person));
    expect(c.a.revenue.wonAmount).toBe(wonOf(a).reduce((n, d) => n + d.amount, 0));
    expect(c.change.revenue.wonAmount.absolute).toBe(wonOf(b).reduce((n, d) => n + d.amount, 0) - wonOf(a).reduce((n, d) => n + d.amount, 0));
  });

  it('compare, flow basis: what passed each stage, and deals closed, within each period', async () => {
    const c = await services.compareReport({ a: '2024-Q1', b: '2024-Q2', by: null, basis: 'flow', at: AT });
    for (const [period, r] of [[['2024-01-01', '2024-03-31'], c.a], [['2024-04-01', '2024-06-30'], c.b]] as const) {
      for (const s of STAGES) {
        expect(r.stages.find((x) => x.id === s)!.reached, `${period[0]} ${s}`).toBe(persons.filter((p) => inRange(p.at[s], period[0], period[1])).length);
      }
      const closed = deals.filter((d) => inRange(d.closed, period[0], period[1]));
      expect(r.revenue.wonCount).toBe(closed.filter((d) => d.status === 'won').length);
      expect(r.revenue.lostCount).toBe(closed.filter((d) => d.status === 'lost').length);
    }
    expect(c.b.revenue.wonCount).toBe(3);
  });

  it('--unit account: an account reaches a stage when its first person does (direct count by domain)', async () => {
    const expected = accounts();
    expect(expected).toHaveLength(4);
    const r = await services.funnelReport({ from: null, to: null, by: null, unit: 'account', at: AT });
    expect(r.unit).toBe('account');
    for (const s of STAGES) expect(r.stages.find((x) => x.id === s)!.reached, s).toBe(reached(expected, s));
    expect(r.stages.map((s) => s.reached)).toEqual([4, 4, 4, 3, 3, 3]);
    const cohorts = await services.cohortReport({ grain: 'month', from: null, to: null, split: null, unit: 'account', at: AT });
    for (const c of cohorts.cohorts) {
      const members = expected.filter((x) => month(x.at.inquiry!) === c.cohort);
      expect(c.size, c.cohort).toBe(members.length);
      const won = members.filter((x) => x.at.won).map((x) => daysBetween(x.at.inquiry!, x.at.won!));
      expect(c.stages.find((s) => s.id === 'won')!.medianDays, c.cohort).toEqual(percentile(won, 0.5) === null ? null : expect.closeTo(percentile(won, 0.5)!, 6));
    }
  });
});
