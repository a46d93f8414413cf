import { describe, expect, it } from 'vitest';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import { change, funnelChange } from './funnel-change.js';
import { funnelFigures } from './funnel-report.js';
import type { FunnelReport } from './funnel-report.js';
import { MAIN_STAGES } from './stage.js';

const model = loadFunnelModel();

function report(reached: number[], won: number, amountMinor: number, groups?: Record<string, number[]>): FunnelReport {
  const figures = (r: number[]) =>
    funnelFigures(model, {
      key: null,
      stages: MAIN_STAGES.map((stage, i) => ({ stage, reached: r[i] ?? 0, current: 0, pastSla: 0, medianDaysToNext: null, p90DaysToNext: null })),
      revenue: [{ currency: 'USD', wonCount: won, lostCount: 0, wonAmountMinor: amountMinor, wonWithAmount: won }],
    });
  return {
    modelVersion: 'v',
    unit: 'person',
    basis: 'cohort',
    from: null,
    to: null,
    by: groups ? 'source' : null,
    ...figures(reached),
    ...(groups ? { groups: Object.entries(groups).map(([key, r]) => ({ key, ...figures(r) })) } : {}),
  };
}

describe('change', () => {
  it.each([
    [100, 10, -90, -0.9],
    [4, 12, 8, 2],
    [0, 5, 5, null],
    [5, 5, 0, 0],
    [null, 5, null, null],
    [0.2, 0.5, 0.3, 1.5],
  ])('%s → %s: absolute %s, relative %s', (a, b, absolute, relative) => {
    const c = change(a, b);
    if (absolute === null) expect(c.absolute).toBeNull();
    else expect(c.absolute).toBeCloseTo(absolute, 12);
    if (relative === null) expect(c.relative).toBeNull();
    else expect(c.relative).toBeCloseTo(relative, 12);
  });
});

describe('funnelChange', () => {
  it('gives inquiries down 90% and won deals ×3 as the story reads them', () => {
    const q2 = report([1000, 500, 60, 20, 10, 2], 2, 50_000_000);
    const q4 = report([100, 60, 50, 30, 15, 6], 6, 150_000_000);
    const c = funnelChange(q2, q4);
    expect(c.stages[0]!.reached).toEqual({ absolute: -900, relative: -0.9 });
    expect(c.revenue.wonCount).toEqual({ absolute: 4, relative: 2 });
    expect(c.revenue.wonAmount).toEqual({ absolute: 1_000_000, relative: 2 });
    expect(c.stages[1]!.conversionToNext.absolute).toBeCloseTo(50 / 60 - 60 / 500, 12);
  });

  it('compares a group present in one period only with nobody', () => {
    const c = funnelChange(report([10], 0, 0, { web: [10] }), report([12], 0, 0, { web: [8], event: [4] }));
    expect(c.groups!.map((g) => g.key)).toEqual(['event', 'web']);
    expect(c.groups![0]!.stages[0]!.reached).toEqual({ absolute: 4, relative: null });
    expect(c.groups![1]!.stages[0]!.reached).toEqual({ absolute: -2, relative: -0.2 });
  });

  it('never subtracts amounts in different currencies', () => {
    const a = report([1], 1, 100);
    const b = { ...report([1], 1, 100), revenue: { ...report([1], 1, 100).revenue, currency: 'EUR' } };
    expect(funnelChange(a, b).revenue.wonAmount).toEqual({ absolute: null, relative: null });
  });
});
