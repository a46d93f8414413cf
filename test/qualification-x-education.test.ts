import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import type { BacktestPersonRow } from '../src/app/qualification-services.js';
import { inTraining } from '../src/domain/qualification/split.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase, SHARED_DATA } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const LEADS = join(SHARED_DATA, 'x-education-lead-scoring', 'Leads.csv');
const MODEL = join(import.meta.dirname, 'fixtures', 'x-education-model.yaml');
const AT = new Date('2021-01-01T00:00:00Z');

type Lead = Record<string, string>;
const leads = parse(readFileSync(LEADS), { columns: true }) as Lead[];
/** The CSV's own blank: empty or the form's unanswered "Select". */
const val = (r: Lead, col: string): string | null => {
  const v = (r[col] ?? '').trim();
  return v === '' || v.toLowerCase() === 'select' ? null : v;
};
const num = (r: Lead, col: string): number => (val(r, col) === null ? Number.NaN : Number(val(r, col)));

/** The fixture model, scored straight from the CSV by hand: the test's own oracle. */
function byHand(r: Lead): { fit: number; total: number } {
  let fit = 0;
  const tags = (val(r, 'Tags') ?? '').toLowerCase();
  if (val(r, 'What is your current occupation')?.toLowerCase() === 'working professional') fit += 30;
  if (val(r, 'Lead Origin')?.toLowerCase() === 'lead add form') fit += 30;
  if (tags.startsWith('will revert') || tags.startsWith('closed by')) fit += 40;
  if (['ringing', 'already a student', 'switched off', 'interested in other courses'].includes(tags)) fit -= 40;
  if (val(r, 'Do Not Email') === 'Yes') fit -= 20;
  let engagement = 0;
  if (num(r, 'Total Time Spent on Website') >= 1000) engagement += 25;
  if (val(r, 'Last Activity')?.toLowerCase() === 'sms sent') engagement += 20;
  if (num(r, 'TotalVisits') >= 5 && val(r, 'Lead Source')?.toLowerCase() !== 'olark chat') engagement += 10;
  return { fit, total: fit + engagement };
}

/** ROC AUC by counting pairs (ties half): independent of Tandem's rank-sum implementation. */
function pairAuc(scores: number[], positive: boolean[]): number {
  const pos = scores.filter((_, i) => positive[i]);
  const neg = scores.filter((_, i) => !positive[i]);
  const counts = new Map<number, number>();
  for (const s of neg) counts.set(s, (counts.get(s) ?? 0) + 1);
  let wins = 0;
  for (const p of pos) for (const [s, n] of counts) wins += s < p ? n : s === p ? n / 2 : 0;
  return wins / (pos.length * neg.length);
}

describe.each(DIALECTS)('X Education qualification on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    const r = await services.importFiles({ paths: [LEADS], preset: 'x-education' });
    expect(r.rejected).toBe(0);
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('backtests a model in the rule language to exactly the counts computed from the CSV', async () => {
    const expected = { qualified: 0, captured: 0, won: 0, filtered: 0 };
    for (const r of leads) {
      const { fit, total } = byHand(r);
      const won = r.Converted === '1';
      const qualified = fit >= 10 && total >= 40;
      if (won) expected.won++;
      if (qualified) expected.qualified++;
      if (qualified && won) expected.captured++;
      if (fit < 10) expected.filtered++;
    }
    const report = await services.backtestModel(MODEL, { from: null, to: null, at: AT });
    expect(report.inquiries).toBe(leads.length);
    expect(report.won).toBe(expected.won);
    expect(report.qualified).toBe(expected.qualified);
    expect(report.wonAmongQualified).toBe(expected.captured);
    expect(report.filteredByProfile).toBe(expected.filtered);
    expect(report.recall).toBeCloseTo(expected.captured / expected.won, 12);
    expect(report.precision).toBeCloseTo(expected.captured / expected.qualified, 12);
    const at40 = report.sweep.find((s) => s.threshold === 40)!;
    expect(at40).toMatchObject({ qualified: expected.qualified, wonAmongQualified: expected.captured });
    expect(report.auc).toBeGreaterThan(0.8);
    expect(report.warnings).toEqual([]);
    // Sanity that the model is not trivial: it keeps most won leads and lets through far fewer than all.
    expect(expected.captured / expected.won).toBeGreaterThan(0.5);
    expect(expected.qualified).toBeLessThan(leads.length / 2);
  });

  it('profile suggest on a 70% split grades the other 30% with ROC AUC ≥ 0.80', async () => {
    const suggestion = await services.suggestProfile({ outcome: 'won', split: 0.7, seed: 42, minSupport: 30, id: 'suggested', at: AT });
    expect(suggestion.evaluation.on).toBe('holdout');
    expect(suggestion.draft).toContain('profile:');
    const file = join(mkdtempSync(join(tmpdir(), 'tandem-suggest-')), 'profile.yaml');
    writeFileSync(file, suggestion.draft);
    const rows: BacktestPersonRow[] = [];
    await services.backtestModel(file, { from: null, to: null, at: AT, onPerson: (p) => rows.push(p) });
    const converted = new Map(leads.map((r) => [r['Lead Number']!, r.Converted === '1']));
    const holdout = rows.filter((p) => !inTraining(p.personId, 42, 0.7));
    expect(holdout.length).toBeGreaterThan(leads.length * 0.27);
    expect(holdout.length).toBeLessThan(leads.length * 0.33);
    const rank = { A: 3, B: 2, C: 1, D: 0 } as const;
    const auc = pairAuc(
      holdout.map((p) => rank[p.grade]),
      holdout.map((p) => converted.get(String(p.attributes.lead_number))!),
    );
    expect(auc).toBeGreaterThanOrEqual(0.8);
    expect(suggestion.evaluation.report.gradeAuc).toBeCloseTo(auc, 10);
    expect(suggestion.evaluation.report.inquiries).toBe(holdout.length);
  });
});
