import type { FunnelFigures, FunnelReport } from '../domain/funnel-report.js';
import type { TableData } from './table-data.js';

const pct = (v: number | null): string | null => (v === null ? null : `${(v * 100).toFixed(1)}%`);
const days = (v: number | null): string | null => (v === null ? null : v.toFixed(1));

function money(amount: number | null, currency: string): string | null {
  if (amount === null) return null;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}

function stageTable(title: string, f: FunnelFigures): TableData {
  return {
    title,
    columns: ['stage', 'owner', 'reached', 'conv. to next', 'target', 'from top', 'median days', 'p90 days', 'now in stage', 'past SLA'],
    rows: f.stages.map((s) => [
      s.id,
      s.owner,
      s.reached,
      pct(s.conversionToNext),
      pct(s.targetConversion),
      pct(s.conversionFromTop),
      days(s.medianDaysToNext),
      days(s.p90DaysToNext),
      s.current,
      s.pastSla,
    ]),
  };
}

function revenueRow(key: string, f: FunnelFigures): (string | number | null)[] {
  const r = f.revenue;
  return [key, r.wonCount, r.lostCount, money(r.wonAmount, r.currency), money(r.averageSellingPrice, r.currency), pct(r.winRate), r.currency];
}

/** The funnel report as tables: stages, revenue, and the same per group when split. */
export function funnelTables(report: FunnelReport, title = 'Funnel'): TableData[] {
  const period = report.from || report.to ? ` (entered ${report.from ?? '…'} to ${report.to ?? '…'})` : '';
  const tables: TableData[] = [stageTable(`${title}${period}`, report)];
  const revenueColumns = ['group', 'won', 'lost', 'won amount', 'avg selling price', 'win rate', 'currency'];
  const revenueRows = [revenueRow('all', report), ...(report.groups ?? []).map((g) => revenueRow(g.key, g))];
  tables.push({ title: 'Revenue', columns: revenueColumns, rows: revenueRows });
  for (const g of report.groups ?? []) tables.push(stageTable(`${report.by} = ${g.key}`, g));
  return tables;
}
