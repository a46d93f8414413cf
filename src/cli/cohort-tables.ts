import type { CohortReport, CohortRow, CohortTriangle } from '../domain/cohort-report.js';
import { days, pct } from './cell-format.js';
import type { TableData } from './table-data.js';

function shares(title: string, rows: readonly CohortRow[]): TableData {
  const stages = rows[0]?.stages.map((s) => s.id) ?? [];
  return {
    title,
    columns: ['cohort', 'size', ...stages.map((s) => `→ ${s}`)],
    rows: rows.map((r) => [r.cohort, r.size, ...r.stages.map((s) => pct(s.share))]),
  };
}

function triangle(title: string, t: CohortTriangle, grain: string): TableData {
  return {
    title,
    columns: ['cohort', 'size', ...t.ages.map((a) => `+${a}`)],
    rows: t.rows.map((r) => [r.cohort, r.size, ...r.cumulativeShare.map((v) => pct(v))]),
    notes: [`Share of each cohort that had reached ${t.stage} by the end of each ${grain} after entering; — = not yet observed.`],
  };
}

/** The cohort report as tables: shares per stage, time to stage, the triangle (and per split value). */
export function cohortTables(r: CohortReport): TableData[] {
  const unit = r.unit === 'account' ? 'accounts' : 'people';
  const period = r.from || r.to ? `, entered ${r.from ?? '…'} to ${r.to ?? '…'}` : '';
  const tables: TableData[] = [
    shares(`Cohorts of ${unit} by ${r.grain} of funnel entry${period}: share reaching each stage`, r.cohorts),
    {
      title: 'Time to stage (days from funnel entry)',
      columns: ['stage', 'reached', 'share', 'median', 'p75', 'p90'],
      rows: r.timeToStage.map((s) => [s.id, s.reached, pct(s.share), days(s.medianDays), days(s.p75Days), days(s.p90Days)]),
    },
    triangle(`Cohort triangle: share reaching ${r.triangle.stage}`, r.triangle, r.grain),
  ];
  for (const g of r.groups ?? []) {
    tables.push(shares(`${r.split} = ${g.key}: share reaching each stage`, g.cohorts));
    tables.push(triangle(`${r.split} = ${g.key}: share reaching ${g.triangle.stage}`, g.triangle, r.grain));
  }
  return tables;
}
