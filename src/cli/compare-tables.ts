import { emptyLike } from '../domain/funnel-change.js';
import type { CompareReport, FunnelChange } from '../domain/funnel-change.js';
import type { FunnelFigures } from '../domain/funnel-report.js';
import { days, money, pct, relative, signed } from './cell-format.js';
import type { TableData } from './table-data.js';

function stageRows(a: FunnelFigures, b: FunnelFigures, change: Omit<FunnelChange, 'groups'>): TableData['rows'] {
  const rows: (string | number | null)[][] = [];
  change.stages.forEach((c, i) => {
    const sa = a.stages[i];
    const sb = b.stages[i];
    rows.push([c.id, 'reached', sa?.reached ?? 0, sb?.reached ?? 0, signed(c.reached, 'count'), relative(c.reached)]);
    if (sa?.conversionToNext !== null || sb?.conversionToNext !== null) {
      rows.push([c.id, 'conversion to next', pct(sa?.conversionToNext), pct(sb?.conversionToNext), signed(c.conversionToNext, 'share'), relative(c.conversionToNext)]);
    }
    if (sa?.medianDaysToNext != null || sb?.medianDaysToNext != null) {
      rows.push([c.id, 'median days to next', days(sa?.medianDaysToNext), days(sb?.medianDaysToNext), signed(c.medianDaysToNext, 'days'), relative(c.medianDaysToNext)]);
    }
    rows.push([c.id, 'past SLA now', sa?.pastSla ?? 0, sb?.pastSla ?? 0, signed(c.pastSla, 'count'), relative(c.pastSla)]);
  });
  const ra = a.revenue;
  const rb = b.revenue;
  const r = change.revenue;
  rows.push(['revenue', 'won deals', ra.wonCount, rb.wonCount, signed(r.wonCount, 'count'), relative(r.wonCount)]);
  rows.push(['revenue', 'lost deals', ra.lostCount, rb.lostCount, signed(r.lostCount, 'count'), relative(r.lostCount)]);
  rows.push(['revenue', 'won amount', money(ra.wonAmount, ra.currency), money(rb.wonAmount, rb.currency), signed(r.wonAmount, 'money', rb.currency), relative(r.wonAmount)]);
  rows.push(['revenue', 'avg selling price', money(ra.averageSellingPrice, ra.currency), money(rb.averageSellingPrice, rb.currency), signed(r.averageSellingPrice, 'money', rb.currency), relative(r.averageSellingPrice)]);
  rows.push(['revenue', 'win rate', pct(ra.winRate), pct(rb.winRate), signed(r.winRate, 'share'), relative(r.winRate)]);
  return rows;
}

/** Every funnel figure of two periods side by side, with absolute and relative change. */
export function compareTables(c: CompareReport): TableData[] {
  const basis = c.a.basis === 'flow' ? 'passed each stage within the period' : 'entered the funnel within the period';
  const columns = ['stage', 'figure', c.a.period, c.b.period, 'change', 'change %'];
  const tables: TableData[] = [
    {
      title: `${c.a.period} vs ${c.b.period}`,
      columns,
      rows: stageRows(c.a, c.b, c.change),
      notes: [
        `Counted: ${c.a.unit === 'account' ? 'accounts' : 'people'} that ${basis} (${c.a.basis} basis).`,
        ...(c.a.basis === 'flow' ? ['On the flow basis a conversion is next-stage passes ÷ this-stage passes in the same period: it can exceed 100% when earlier inflow converts now.'] : []),
      ],
    },
  ];
  for (const g of c.change.groups ?? []) {
    // A group seen in one period only compares with nobody in the other.
    const ga = c.a.groups?.find((x) => x.key === g.key) ?? emptyLike(c.a);
    const gb = c.b.groups?.find((x) => x.key === g.key) ?? emptyLike(c.b);
    tables.push({ title: `${c.a.by} = ${g.key}: ${c.a.period} vs ${c.b.period}`, columns, rows: stageRows(ga, gb, g) });
  }
  return tables;
}
