import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_BUCKETS, CountReconciliation } from './count-reconciliation.js';
import type { CountRow, PersonCountFacts, SystemRecordFacts } from './count-reconciliation.js';
import { periodOf } from './period-grain.js';
import { MAIN_STAGES, STAGES } from './stage.js';
import type { MainStageId } from './stage.js';

const quarter = periodOf('quarter');
const row = (rows: CountRow[], stage: string, period: string): CountRow | undefined => rows.find((r) => r.stage === stage && r.period === period);

function run(persons: PersonCountFacts[], rejected: SystemRecordFacts[] = []): CountRow[] {
  const r = new CountReconciliation(quarter);
  persons.forEach((p) => r.addPerson(p));
  rejected.forEach((x) => r.addRejected(x));
  return r.rows();
}

describe('count reconciliation buckets', () => {
  it('one person in both systems at mql: counted twice by the systems, once by Tandem', () => {
    const rows = run([{ records: [{ source: 'hubspot', stage: 'mql', at: '2024-01-05' }, { source: 'salesforce', stage: 'mql', at: '2024-02-01' }], enteredAt: '2024-01-05', reached: ['inquiry', 'mql'], current: 'mql', setAside: [] }]);
    const mql = row(rows, 'mql', '2024-Q1')!;
    expect(mql.bySource).toEqual({ hubspot: 1, salesforce: 1 });
    expect(mql.tandem).toBe(1);
    expect(mql.explained.mergedDuplicates).toBe(-1);
    expect(row(rows, 'inquiry', '2024-Q1')!.explained.skippedStages).toBe(1);
  });

  it('a CRM record created a quarter after the person entered is outside the period', () => {
    const rows = run([{ records: [{ source: 'salesforce', stage: 'sql', at: '2024-04-02' }], enteredAt: '2024-03-20', reached: ['inquiry', 'mql', 'sal', 'sql'], current: 'sql', setAside: [] }]);
    expect(row(rows, 'sql', '2024-Q2')).toMatchObject({ bySource: { salesforce: 1 }, tandem: 0, explained: { outsidePeriod: -1 } });
    expect(row(rows, 'sql', '2024-Q1')).toMatchObject({ bySource: { salesforce: 0 }, tandem: 1, explained: { outsidePeriod: 1 } });
  });

  it('a status that lost to precedence, and a rejected row', () => {
    const rows = run(
      [{ records: [{ source: 'hubspot', stage: 'won', at: '2024-01-15' }, { source: 'salesforce', stage: 'sal', at: '2024-01-20' }], enteredAt: '2024-01-15', reached: ['inquiry', 'mql', 'sal'], current: 'sal', setAside: ['hubspot'] }],
      [{ source: 'hubspot', stage: 'mql', at: '2024-02-15' }],
    );
    expect(row(rows, 'won', '2024-Q1')).toMatchObject({ bySource: { hubspot: 1 }, tandem: 0, explained: { precedence: -1 } });
    expect(row(rows, 'mql', '2024-Q1')).toMatchObject({ bySource: { hubspot: 1 }, tandem: 1, explained: { rejectedRows: -1, skippedStages: 1 } });
  });

  it('an opportunity record with no status saying so is the model’s rule', () => {
    const rows = run([{ records: [{ source: 'salesforce', stage: 'sql', at: '2024-01-01' }], enteredAt: '2024-01-01', reached: ['inquiry', 'mql', 'sal', 'sql', 'opportunity'], current: 'opportunity', setAside: [] }]);
    expect(row(rows, 'opportunity', '2024-Q1')!.explained.modelRules).toBe(1);
    expect(row(rows, 'sql', '2024-Q1')!.explained.skippedStages).toBe(0);
  });

  it('a SAL that sales parked in nurture passed sal: the CRM counts them in nurture now', () => {
    const rows = run([{ records: [{ source: 'salesforce', stage: 'nurture', at: '2024-01-01' }], enteredAt: '2024-01-01', reached: ['inquiry', 'mql', 'sal'], current: 'nurture', setAside: [] }]);
    expect(row(rows, 'sal', '2024-Q1')).toMatchObject({ tandem: 1, explained: { skippedStages: 1, modelRules: 0 } });
  });

  const date = fc.integer({ min: 0, max: 729 }).map((d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString());
  const record = fc.record({ source: fc.constantFrom('hubspot', 'salesforce', 'mautic'), stage: fc.option(fc.constantFrom(...STAGES), { nil: null }), at: fc.option(date, { nil: null }) });
  const person = fc.record({
    records: fc.array(record, { minLength: 1, maxLength: 4 }),
    enteredAt: fc.option(date, { nil: null }),
    furthest: fc.integer({ min: -1, max: MAIN_STAGES.length - 1 }),
    side: fc.option(fc.constantFrom('lost', 'disqualified', 'nurture', 'unreachable', 'recycled' as const), { nil: null }),
    setAside: fc.subarray(['hubspot', 'salesforce', 'mautic']),
  }).map(({ furthest, side, ...p }): PersonCountFacts => {
    const reached = p.enteredAt ? (MAIN_STAGES.slice(0, furthest + 1) as MainStageId[]) : [];
    return { ...p, reached, current: reached.length === 0 ? null : (side ?? reached[reached.length - 1]!) };
  });

  it('buckets add up exactly to the difference for every stage and period (property)', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 40 }), fc.array(record, { maxLength: 10 }), fc.constantFrom('quarter', 'month', 'year', 'all' as const), (persons, rejected, grain) => {
        const of = periodOf(grain, '2024-03-01T00:00:00.000Z', '2025-09-01T00:00:00.000Z');
        const r = new CountReconciliation(of);
        persons.forEach((p) => r.addPerson(p));
        rejected.forEach((x) => r.addRejected(x));
        const rows = r.rows();
        for (const c of rows) {
          const systems = Object.values(c.bySource).reduce((a, b) => a + b, 0);
          const explained = COUNT_BUCKETS.reduce((a, b) => a + c.explained[b], 0);
          expect(systems + explained, `${c.stage} ${c.period}`).toBe(c.tandem);
          // Each figure against a direct count of the input.
          const all = [...persons.flatMap((p) => p.records), ...rejected];
          for (const [source, n] of Object.entries(c.bySource)) {
            expect(n).toBe(all.filter((x) => x.source === source && x.stage === c.stage && of(x.at) === c.period).length);
          }
          expect(c.tandem).toBe(persons.filter((p) => p.reached.includes(c.stage) && of(p.enteredAt) === c.period).length);
          expect(c.explained.rejectedRows).toBe(0 - rejected.filter((x) => x.stage === c.stage && of(x.at) === c.period).length);
          expect(c.explained.mergedDuplicates).toBeLessThanOrEqual(0);
          expect(c.explained.skippedStages).toBeGreaterThanOrEqual(0);
          expect(c.explained.precedence).toBeLessThanOrEqual(0);
        }
        // No stage and period with a count is missing.
        for (const p of persons) for (const s of p.reached) if (of(p.enteredAt)) expect(row(rows, s, of(p.enteredAt)!)).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });
});
