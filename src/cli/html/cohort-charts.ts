import type { CohortReport, CohortTriangle } from '../../domain/cohort-report.js';
import type { ChartSpec } from './chart-spec.js';
import { heat } from './palette.js';
import { percentileChart } from './funnel-charts.js';

/** The cohort triangle as a heatmap: rows are cohorts, columns months (quarters) of age, colour the share passed. */
export function triangleHeatmap(id: string, t: CohortTriangle, grain: string): ChartSpec {
  const max = Math.max(0.0001, ...t.rows.flatMap((r) => r.cumulativeShare.filter((v): v is number => v !== null)));
  const cells = t.rows.flatMap((r) => t.ages.map((age, i) => ({ x: `+${age}`, y: r.cohort, v: r.cumulativeShare[i] ?? null })));
  return {
    id,
    title: `Cohort heatmap: share reaching ${t.stage} by age`,
    caption: `Each row is a cohort (funnel entry ${grain}); each column how many ${grain}s later. Darker = a larger share had reached ${t.stage}; grey = not yet observed.`,
    height: Math.max(220, 28 * t.rows.length + 80),
    config: {
      type: 'matrix',
      matrix: { columns: Math.max(1, t.ages.length), rows: Math.max(1, t.rows.length), valueFormat: 'percent' },
      data: {
        datasets: [{ label: `share reaching ${t.stage}`, data: cells, backgroundColor: cells.map((c) => heat(c.v, max)), borderColor: 'rgba(255,255,255,0.9)', borderWidth: 1 }],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: { type: 'category', labels: t.ages.map((a) => `+${a}`), offset: true, grid: { display: false }, title: { display: true, text: `${grain}s after entry` } },
          y: { type: 'category', labels: t.rows.map((r) => r.cohort), offset: true, reverse: false, grid: { display: false } },
        },
      },
    },
  };
}

/** Cohort × stage: the share of each cohort that reached each stage. */
export function stageShareHeatmap(id: string, r: CohortReport): ChartSpec {
  const stages = r.cohorts[0]?.stages.map((s) => s.id) ?? [];
  const cells = r.cohorts.flatMap((c) => c.stages.map((s) => ({ x: s.id, y: c.cohort, v: s.share })));
  return {
    id,
    title: 'Share of each cohort reaching each stage',
    caption: 'Rows: cohorts by funnel entry; columns: stages. Darker = a larger share of the cohort got there.',
    height: Math.max(220, 28 * r.cohorts.length + 80),
    config: {
      type: 'matrix',
      matrix: { columns: Math.max(1, stages.length), rows: Math.max(1, r.cohorts.length), valueFormat: 'percent' },
      data: { datasets: [{ label: 'share', data: cells, backgroundColor: cells.map((c) => heat(c.v)), borderColor: 'rgba(255,255,255,0.9)', borderWidth: 1 }] },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: { type: 'category', labels: stages, offset: true, grid: { display: false } },
          y: { type: 'category', labels: r.cohorts.map((c) => c.cohort), offset: true, reverse: false, grid: { display: false } },
        },
      },
    },
  };
}

/** Days from funnel entry to each stage, all cohorts of the period together. */
export function timeToStageChart(id: string, r: CohortReport): ChartSpec {
  return percentileChart(
    id,
    'Time to stage',
    'Days from entering the funnel to reaching each stage: median, 75th and 90th percentile.',
    r.timeToStage.filter((s) => s.id !== 'inquiry').map((s) => ({ label: s.id, p50: s.medianDays, p75: s.p75Days, p90: s.p90Days })),
  );
}

export function cohortCharts(prefix: string, r: CohortReport): ChartSpec[] {
  return [triangleHeatmap(`${prefix}-triangle`, r.triangle, r.grain), stageShareHeatmap(`${prefix}-shares`, r), timeToStageChart(`${prefix}-time`, r)];
}
