import { describe, expect, it } from 'vitest';
import { BacktestAccumulator } from './backtest-figures.js';
import type { PersonOutcome } from './backtest-figures.js';
import { draftRules, quartileGrades, valueFigures } from './profile-draft.js';
import type { QualificationModel } from './qualification-model.js';
import { ValueStats } from './value-stats.js';

describe('value statistics and the draft profile', () => {
  const stats = new ValueStats({ binAbove: 5, bins: 4 });
  // 100 people per industry: software converts 60%, retail 5%, health at the base rate.
  const industries: [string, number][] = [['Software', 60], ['retail', 5], ['health', 25]];
  let id = 0;
  for (const [industry, wins] of industries) {
    for (let i = 0; i < 100; i++) stats.add({ industry, lead_id: String(id++), employees: String(i * 10), note: i % 2 ? 'x' : undefined }, i < wins);
  }

  it('counts people and outcomes per value, case-insensitively, and skips identifiers', () => {
    const counts = stats.counts();
    const software = counts.find((c) => c.field === 'industry' && c.value === 'Software')!;
    expect(software).toMatchObject({ n: 100, outcomes: 60 });
    expect(counts.some((c) => c.field === 'lead_id')).toBe(false);
    const ranges = counts.filter((c) => c.field === 'employees');
    expect(ranges.map((r) => r.range)).toEqual([{ lt: 250 }, { gte: 250, lt: 500 }, { gte: 500, lt: 750 }, { gte: 750 }]);
    expect(ranges.reduce((n, r) => n + r.n, 0)).toBe(300);
    expect(counts.find((c) => c.field === 'note' && c.value === null)).toMatchObject({ n: 150 });
  });

  it('gives points only where the interval clears the base rate', () => {
    const figures = valueFigures(stats.counts(), stats.people, stats.outcomes, 30);
    const by = (v: string): number | null => figures.find((f) => f.field === 'industry' && f.value === v)!.points;
    expect(by('Software')).toBeGreaterThan(0);
    expect(by('retail')).toBeLessThan(0);
    expect(by('health')).toBeNull();
    const software = figures.find((f) => f.value === 'Software')!;
    expect(software.lift).toBeCloseTo(0.6 / (90 / 300), 12);
    expect(software.share).toBeCloseTo(60 / 90, 12);
    const rules = draftRules(figures, 90 / 300);
    expect(rules.find((r) => r.name === 'industry = Software')).toMatchObject({ when: { field: 'industry', eq: 'Software' }, points: by('Software') });
    expect(rules.map((r) => r.points)).toEqual([...rules.map((r) => r.points)].sort((a, b) => b - a));
    expect(rules.at(-1)!.points).toBeLessThan(0);
  });

  it('puts grade cut-offs at the quartiles', () => {
    expect(quartileGrades([0, 10, 20, 30, 40, 50, 60, 70])).toEqual({ A: 60, B: 40, C: 20 });
  });
});

describe('backtest figures', () => {
  const model: QualificationModel = {
    id: 'm', version: 'm@1', profile: { rules: [], grades: { A: 30, B: 20, C: 10 } }, engagement: { rules: [] }, thresholds: { mql: { fit: 10, total: 50 } },
  };
  const person = (o: Partial<PersonOutcome>): PersonOutcome => ({
    won: false, wonAmount: 0, reachedSql: false, reachedOpportunity: false, peakFit: 0, peak: 0, gatedPeak: null, gatedPeakBeforeDecision: null, ...o,
  });

  it('counts qualified, kept and lost, and sweeps thresholds consistently', () => {
    const acc = new BacktestAccumulator(model);
    acc.add(person({ won: true, wonAmount: 100, peakFit: 30, peak: 80, gatedPeak: 80, gatedPeakBeforeDecision: 80, reachedSql: true }));
    acc.add(person({ won: true, wonAmount: 50, peakFit: 30, peak: 40, gatedPeak: 70, gatedPeakBeforeDecision: 40 })); // qualified only after the deal
    acc.add(person({ won: true, wonAmount: 25, peakFit: 0, peak: 20 })); // filtered by the profile
    acc.add(person({ peakFit: 20, peak: 60, gatedPeak: 60, gatedPeakBeforeDecision: 60 }));
    acc.add(person({ peakFit: 5, peak: 10 }));
    const f = acc.result();
    expect(f).toMatchObject({ inquiries: 5, qualified: 3, won: 3, wonAmongQualified: 1, filteredByProfile: 2, wonFilteredByProfile: 1, sqlReached: 1, sqlAmongQualified: 1 });
    expect(f.recall).toBeCloseTo(1 / 3, 12);
    expect(f.precision).toBeCloseTo(1 / 3, 12);
    expect([f.wonAmount, f.wonAmountKept, f.wonAmountLost]).toEqual([175, 100, 75]);
    expect(f.grades.A).toEqual({ persons: 2, won: 2 });
    const at50 = f.sweep.find((s) => s.threshold === 50)!;
    expect(at50).toMatchObject({ qualified: f.qualified, wonAmongQualified: f.wonAmongQualified });
    expect(f.auc).toBeCloseTo(4 / 6, 12); // won scores 80, 40, 20 against 60, 10
  });
});
