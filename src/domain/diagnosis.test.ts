import { describe, expect, it } from 'vitest';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import { diagnose } from './diagnosis.js';
import type { DiagnosisInput, StageLoad } from './diagnosis.js';
import type { FunnelModel } from './funnel-model.js';
import { funnelFigures } from './funnel-report.js';
import type { FunnelFigures } from './funnel-report.js';
import { MAIN_STAGES } from './stage.js';

const model = loadFunnelModel();

/** Funnel figures from reached counts per main stage, with won deals of 250,000 each. */
function figures(reached: number[], pastSla: Partial<Record<string, number>> = {}, m: FunnelModel = model): FunnelFigures {
  return funnelFigures(m, {
    key: null,
    stages: MAIN_STAGES.map((stage, i) => ({ stage, reached: reached[i] ?? 0, current: pastSla[stage] ?? 0, pastSla: pastSla[stage] ?? 0, medianDaysToNext: null, p90DaysToNext: null })),
    revenue: [{ currency: 'USD', wonCount: reached[5] ?? 0, lostCount: 0, wonAmountMinor: (reached[5] ?? 0) * 25_000_000, wonWithAmount: reached[5] ?? 0 }],
  });
}

const input = (over: Partial<DiagnosisInput>): DiagnosisInput => {
  const period = over.period ?? figures([1000, 400, 40, 20, 10, 2]);
  return { model, unit: 'person', from: '2024-01-01', to: '2024-06-30', period, history: period, periodIsHistory: false, loads: [], ...over };
};

describe('diagnose', () => {
  it('names the glut between mql and sal as the stage sal, owned by sales, with deals and revenue at stake', () => {
    const d = diagnose(input({}));
    const top = d.findings[0]!;
    expect(top).toMatchObject({ stage: 'sal', transition: 'mql→sal', owner: 'sales', kind: 'conversion', basis: 'target' });
    // 400 MQLs × (0.6 − 0.1) = 200 more SALs; SAL→won 2/40 = 5% → 10 deals × 250,000.
    expect(top.dealsAtStake).toBe(10);
    expect(top.revenueAtStake).toBe(2_500_000);
    expect(top.summary).toContain('sales owns sal'.replace('sales', 'Sales'));
  });

  it('finds nothing where every conversion meets its target', () => {
    expect(diagnose(input({ period: figures([100, 40, 30, 20, 12, 4]) })).findings).toEqual([]);
  });

  it('without a target compares with the funnel\'s own history, and says so', () => {
    const noTarget: FunnelModel = { ...model, stages: model.stages.map((s) => (s.id === 'sal' ? { ...s, targetConversion: null } : s)) };
    const d = diagnose(input({ model: noTarget, period: figures([100, 40, 30, 6, 3, 1], {}, noTarget), history: figures([1000, 400, 300, 150, 60, 20], {}, noTarget) }));
    const f = d.findings.find((x) => x.transition === 'sal→sql')!;
    expect(f.basis).toBe('history');
    expect(f.figures.history).toBe(0.5);
    expect(f.summary).toContain("funnel's own history");
    expect(d.notes.join(' ')).toContain('No target is set for sal→sql');
  });

  it('turns inventory past its SLA into an aging finding for the owner of the stage it waits for', () => {
    const d = diagnose(input({ period: figures([100, 40, 30, 20, 12, 4], { sql: 10 }) }));
    expect(d.findings).toHaveLength(1);
    expect(d.findings[0]).toMatchObject({ stage: 'opportunity', transition: 'sql→opportunity', kind: 'aging', owner: 'sales', dealsAtStake: 2, revenueAtStake: 500_000 });
  });

  it('flags capacity from the model with named owners, or from a good week observed without them', () => {
    const period = figures([100, 40, 30, 20, 12, 4]);
    const load: StageLoad = { stage: 'sal', arrivals: 520, owners: 0, observedWeeklyCapacity: 10, weeks: 26 };
    const observed = diagnose(input({ period, loads: [load] })).findings[0]!;
    expect(observed).toMatchObject({ stage: 'sal', transition: 'mql→sal', kind: 'capacity', basis: 'observed-capacity' });
    expect(observed.figures).toMatchObject({ arrivalsPerWeek: 20, capacityPerWeek: 10, unworked: 260 });
    // 260 unworked MQLs at the period's MQL→won rate of 4/40.
    expect(observed.dealsAtStake).toBe(26);
    const modelled = diagnose(input({ period, loads: [{ ...load, owners: 1 }] })).findings;
    expect(modelled).toEqual([]); // one owner × 40 a week covers 20 a week
  });

  it('ranks by deals when no deal has an amount', () => {
    const period = { ...figures([1000, 400, 40, 20, 10, 2]), revenue: { ...figures([1]).revenue, averageSellingPrice: null } };
    const d = diagnose(input({ period, history: period }));
    expect(d.averageSellingPrice).toBeNull();
    expect(d.findings[0]!.revenueAtStake).toBeNull();
    expect(d.notes[0]).toContain('ranked by deals');
  });
});
