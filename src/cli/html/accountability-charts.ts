import type { Diagnosis } from '../../domain/diagnosis.js';
import type { Plan } from '../../domain/plan.js';
import type { Scorecard } from '../../domain/scorecard.js';
import type { ChartSpec } from './chart-spec.js';
import { COLORS, STAGE_COLORS } from './palette.js';

/** Findings ranked by what is at stake (revenue where known, else deals). */
export function findingsChart(id: string, d: Diagnosis): ChartSpec {
  const byRevenue = d.averageSellingPrice !== null;
  const top = d.findings.slice(0, 10);
  return {
    id,
    title: 'Where the funnel is plugged',
    caption: `Each bar is a finding, named by its stage and owner; its length is the ${byRevenue ? `revenue (${d.currency})` : 'won deals'} at stake.`,
    height: Math.max(200, 40 * top.length + 80),
    config: {
      type: 'bar',
      data: {
        labels: top.map((f) => `${f.transition} · ${f.kind} · ${f.owner}`),
        datasets: [{ label: byRevenue ? 'revenue at stake' : 'deals at stake', data: top.map((f) => (byRevenue ? (f.revenueAtStake ?? 0) : f.dealsAtStake)), backgroundColor: COLORS.stake }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true } } },
    },
  };
}

/** When each stage must take people in: per month, stacked by stage. */
export function planChart(id: string, p: Plan): ChartSpec {
  return {
    id,
    title: `What each stage must take in, month by month, for ${p.period}`,
    caption: 'Demand for earlier stages falls earlier by the time it takes to move down the funnel.',
    config: {
      type: 'bar',
      data: {
        labels: p.schedule.map((m) => m.month),
        datasets: p.stages.map((s, i) => ({
          label: s.id,
          data: p.schedule.map((m) => Math.round((m.needs[s.id] ?? 0) * 10) / 10),
          backgroundColor: STAGE_COLORS[i] ?? COLORS.actual,
        })),
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'units' } } } },
    },
  };
}

/** Each team's transitions: actual conversion against target. */
export function scorecardChart(id: string, s: Scorecard): ChartSpec {
  const judged = s.stages.filter((x) => x.transition !== null);
  return {
    id,
    title: 'Conversion against target, by the team that owns the stage',
    caption: 'A conversion X→Y is scored to the owner of Y: the team that must take the people in.',
    config: {
      type: 'bar',
      data: {
        labels: judged.map((x) => `${x.transition} (${x.owner})`),
        datasets: [
          { label: 'actual %', data: judged.map((x) => (x.conversion === null ? null : Math.round(x.conversion * 1000) / 10)), backgroundColor: judged.map((x) => COLORS[x.owner]), order: 1 },
          { type: 'line', label: 'target %', data: judged.map((x) => (x.target === null ? null : x.target * 100)), borderColor: COLORS.target, backgroundColor: COLORS.target, showLine: false, pointRadius: 7, pointStyle: 'rectRot', order: 0 },
        ],
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } },
    },
  };
}
