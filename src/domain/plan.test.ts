import { describe, expect, it } from 'vitest';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import { TandemError } from './errors.js';
import { planBackwards } from './plan.js';
import type { PlanInput, PlanRate } from './plan.js';

const model = loadFunnelModel();
const rates = (conversion: number | null, lagDays: number | null): PlanRate[] =>
  (['inquiry', 'mql', 'sal', 'sql', 'opportunity'] as const).map((stage) => ({ stage, conversion, conversionSource: 'file', lagDays, lagSource: 'file' }));
const base: PlanInput = {
  model,
  goal: 3_000_000,
  currency: 'USD',
  period: { label: '2025-Q3', from: '2025-07-01', to: '2025-09-30' },
  averageSellingPrice: 250_000,
  aspSource: 'observed',
  rates: rates(0.5, 7),
};

describe('planBackwards', () => {
  it('works back from the goal: 12 deals, doubling at every earlier stage, a week earlier each', () => {
    const p = planBackwards(base);
    expect(p.wonNeeded).toBe(12);
    expect(p.stages.map((s) => s.needed)).toEqual([384, 192, 96, 48, 24, 12]);
    expect(p.stages.map((s) => s.leadDays)).toEqual([35, 28, 21, 14, 7, 0]);
    expect(p.stages[0]).toMatchObject({ windowFrom: '2025-05-27', windowTo: '2025-08-26' });
    expect(p.stages.at(-1)).toMatchObject({ windowFrom: '2025-07-01', windowTo: '2025-09-30' });
    expect(p.stages[0]!.perWeek).toBeCloseTo((384 / 92) * 7, 12);
  });

  it('spreads each need over its window month by month', () => {
    const p = planBackwards(base);
    expect(p.schedule.map((m) => m.month)).toEqual(['2025-05', '2025-06', '2025-07', '2025-08', '2025-09']);
    const may = p.schedule[0]!.needs.inquiry!;
    expect(may).toBeCloseTo((384 / 92) * 5, 9); // 27–31 May
    for (const s of p.stages) expect(p.schedule.reduce((t, m) => t + (m.needs[s.id] ?? 0), 0)).toBeCloseTo(s.needed, 9);
  });

  it.each([
    [{ averageSellingPrice: null, aspSource: null }, 'averageSellingPrice'],
    [{ rates: rates(0, 7) }, 'stages.opportunity.conversion'],
    [{ rates: rates(null, 7) }, 'stages.opportunity.conversion'],
    [{ goal: 0 }, 'revenue'],
  ] as const)('refuses a plan it cannot make (%o), naming %s', (over, field) => {
    let caught: unknown;
    try {
      planBackwards({ ...base, ...over });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TandemError);
    expect((caught as TandemError).place.field).toBe(field);
  });

  it('takes an unknown lag as none, and says so', () => {
    const p = planBackwards({ ...base, rates: rates(0.5, null) });
    expect(p.stages[0]!.leadDays).toBe(0);
    expect(p.notes).toHaveLength(5);
  });
});
