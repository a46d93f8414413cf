import type { FunnelReport } from '../domain/funnel-report.js';
import { MAIN_STAGES } from '../domain/stage.js';

export type FigureKind = 'count' | 'rate' | 'money';

/** One line of the before/after table. */
export interface ComparisonRow {
  readonly label: string;
  readonly kind: FigureKind;
  readonly before: number | null;
  readonly after: number | null;
  /** Target for a conversion rate, from the funnel model. */
  readonly target: number | null;
}

const reached = (r: FunnelReport, id: string): number => r.stages.find((s) => s.id === id)?.reached ?? 0;

/** The two halves side by side: volumes, each hand-off's conversion against its target, inventory and revenue. */
export function compareHalves(before: FunnelReport, after: FunnelReport): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const id of MAIN_STAGES) {
    rows.push({ label: id === 'inquiry' ? 'inquiries' : `reached ${id}`, kind: 'count', before: reached(before, id), after: reached(after, id), target: null });
  }
  for (let i = 0; i + 1 < MAIN_STAGES.length; i++) {
    const from = MAIN_STAGES[i]!;
    const a = before.stages.find((s) => s.id === from)!;
    const b = after.stages.find((s) => s.id === from)!;
    rows.push({ label: `${from} → ${MAIN_STAGES[i + 1]}`, kind: 'rate', before: a.conversionToNext, after: b.conversionToNext, target: a.targetConversion });
  }
  const stuck = (r: FunnelReport): number => r.stages.find((s) => s.id === 'mql')!.current;
  const late = (r: FunnelReport): number => r.stages.reduce((n, s) => n + s.pastSla, 0);
  rows.push({ label: 'MQLs still waiting for sales', kind: 'count', before: stuck(before), after: stuck(after), target: null });
  rows.push({ label: 'people past a stage SLA', kind: 'count', before: late(before), after: late(after), target: null });
  rows.push({ label: 'won deals', kind: 'count', before: before.revenue.wonCount, after: after.revenue.wonCount, target: null });
  rows.push({ label: 'lost deals', kind: 'count', before: before.revenue.lostCount, after: after.revenue.lostCount, target: null });
  rows.push({ label: 'won amount', kind: 'money', before: before.revenue.wonAmount, after: after.revenue.wonAmount, target: null });
  rows.push({ label: 'average selling price', kind: 'money', before: before.revenue.averageSellingPrice, after: after.revenue.averageSellingPrice, target: null });
  rows.push({ label: 'win rate', kind: 'rate', before: before.revenue.winRate, after: after.revenue.winRate, target: null });
  return rows;
}

/** "−90%", "+12%" or "×3" for a change between two counts or amounts. */
export function describeChange(before: number | null, after: number | null): string | null {
  if (before === null || after === null || before === 0) return null;
  const ratio = after / before;
  if (ratio >= 2) return `×${Number.isInteger(ratio) ? ratio : ratio.toFixed(1)}`;
  const pct = Math.round((ratio - 1) * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

/** Change in percentage points between two rates (0..1). */
export function describePoints(before: number | null, after: number | null): string | null {
  if (before === null || after === null) return null;
  const pts = Math.round((after - before) * 1000) / 10;
  return `${pts >= 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts`;
}

/** The story in three sentences, from the reports (quarters Q2 and Q4 for the like-for-like claim). */
export function storySummary(h1: FunnelReport, h2: FunnelReport, q2: FunnelReport, q4: FunnelReport): string[] {
  const n = (v: number): string => v.toLocaleString('en-US');
  const money = (v: number): string => `$${Math.round(v).toLocaleString('en-US')}`;
  const conv = (r: FunnelReport): number | null => r.stages.find((s) => s.id === 'mql')!.conversionToNext;
  const pct = (v: number | null): string => (v === null ? '—' : `${Math.round(v * 100)}%`);
  return [
    `Q4 vs Q2: inquiries ${describeChange(reached(q2, 'inquiry'), reached(q4, 'inquiry'))} (${n(reached(q2, 'inquiry'))} → ${n(reached(q4, 'inquiry'))}), won deals ${describeChange(q2.revenue.wonCount, q4.revenue.wonCount)} (${q2.revenue.wonCount} → ${q4.revenue.wonCount}), won amount ${money(q2.revenue.wonAmount)} → ${money(q4.revenue.wonAmount)}.`,
    `H1 → H2: inquiries ${describeChange(reached(h1, 'inquiry'), reached(h2, 'inquiry'))}, MQLs accepted by sales ${pct(conv(h1))} → ${pct(conv(h2))} (target ${pct(h1.stages.find((s) => s.id === 'mql')!.targetConversion)}), won deals ${h1.revenue.wonCount} → ${h2.revenue.wonCount} (${money(h1.revenue.wonAmount)} → ${money(h2.revenue.wonAmount)}).`,
    `The fixes of 2024-07-01: a corrected buyer profile (fewer, better-fitting inquiries), a qualification model both teams wrote (the mql → sal glut cleared), a contact policy with an unreachable nurture.`,
  ];
}
