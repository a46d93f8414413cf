import type { FunnelFigures } from '../../domain/funnel-report.js';
import type { ChartSpec } from './chart-spec.js';
import { COLORS } from './palette.js';

/**
 * The funnel with targets: units reaching each stage, and beside it how many would have
 * reached it had the conversion from the stage before been at its target.
 */
export function funnelChart(id: string, title: string, f: FunnelFigures): ChartSpec {
  const atTarget = f.stages.map((s, i) => {
    const before = f.stages[i - 1];
    return before && before.targetConversion !== null ? Math.round(before.reached * before.targetConversion * 100) / 100 : null;
  });
  return {
    id,
    title,
    caption: 'Bars: how many reached each stage. Orange: how many would have, had the stage before converted at its target.',
    config: {
      type: 'bar',
      data: {
        labels: f.stages.map((s) => s.id),
        datasets: [
          { type: 'bar', label: 'reached', data: f.stages.map((s) => s.reached), backgroundColor: COLORS.actual, order: 1 },
          { type: 'line', label: 'at target conversion', data: atTarget, borderColor: COLORS.target, backgroundColor: COLORS.target, showLine: false, pointRadius: 7, pointStyle: 'rectRot', order: 0 },
        ],
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'units' } } } },
    },
  };
}

/** Median, p75 and p90 days per stage, as grouped bars (averages alone mislead). */
export function percentileChart(
  id: string,
  title: string,
  caption: string,
  rows: readonly { readonly label: string; readonly p50: number | null; readonly p75?: number | null; readonly p90: number | null }[],
): ChartSpec {
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
  return {
    id,
    title,
    caption,
    config: {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: 'median', data: rows.map((r) => round(r.p50)), backgroundColor: COLORS.p50 },
          ...(rows.some((r) => r.p75 !== undefined) ? [{ label: 'p75', data: rows.map((r) => round(r.p75 ?? null)), backgroundColor: COLORS.p75 }] : []),
          { label: 'p90', data: rows.map((r) => round(r.p90)), backgroundColor: COLORS.p90 },
        ],
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'days' } } } },
    },
  };
}

/** Days from one stage to the next (the funnel report's percentiles). */
export function daysToNextChart(id: string, f: FunnelFigures): ChartSpec {
  return percentileChart(
    id,
    'Time to the next stage',
    'Days from reaching a stage to reaching the next: median and 90th percentile (the cohort charts add the 75th).',
    f.stages.filter((s) => s.id !== 'won').map((s, i) => ({ label: `${s.id}→${f.stages[i + 1]?.id ?? ''}`, p50: s.medianDaysToNext, p90: s.p90DaysToNext })),
  );
}
