import type { Services } from '../app/services.js';
import type { FunnelReport } from '../domain/funnel-report.js';
import type { ReportBasis } from '../domain/report-basis.js';
import { cohortTables } from './cohort-tables.js';
import { compareTables } from './compare-tables.js';
import { cohortCharts } from './html/cohort-charts.js';
import { compareCharts } from './html/compare-charts.js';
import type { HtmlReport } from './html/html-document.js';
import { daysToNextChart, funnelChart } from './html/funnel-charts.js';
import type { TableData } from './table-data.js';

export interface FunnelHtmlOptions {
  /** Periods to compare; by default the first and second half of the months the report covers. */
  readonly a?: string;
  readonly b?: string;
  readonly basis: ReportBasis;
  readonly at: Date;
}

/** The whole funnel report for a person to email: funnel with targets, cohort heatmaps, a period comparison, time to stage. */
export async function funnelHtml(services: Services, report: FunnelReport, tables: readonly TableData[], opts: FunnelHtmlOptions): Promise<HtmlReport> {
  const cohorts = await services.cohortReport({ grain: 'month', from: report.from, to: report.to, split: null, unit: report.unit, at: opts.at });
  const months = cohorts.cohorts.map((c) => c.cohort);
  let a = opts.a;
  let b = opts.b;
  if ((a === undefined || b === undefined) && months.length >= 2) {
    const half = Math.ceil(months.length / 2);
    a ??= `${months[0]}..${months[half - 1]}`;
    b ??= `${months[half]}..${months[months.length - 1]}`;
  }
  const compare = a !== undefined && b !== undefined ? await services.compareReport({ a, b, by: null, unit: report.unit, basis: opts.basis, at: opts.at }) : null;
  const period = report.from || report.to ? `entered ${report.from ?? '…'} to ${report.to ?? '…'}` : 'all history';
  return {
    title: 'Tandem: funnel report',
    subtitle: `${report.unit === 'account' ? 'Accounts' : 'People'} who ${period}; model ${report.modelVersion}.`,
    charts: [
      funnelChart('funnel', 'Funnel with targets', report),
      ...cohortCharts('cohorts', cohorts),
      ...(compare ? compareCharts('compare', compare) : []),
      daysToNextChart('days-to-next', report),
    ],
    tables: [...tables, ...(compare ? compareTables(compare) : []), ...cohortTables(cohorts)],
  };
}
