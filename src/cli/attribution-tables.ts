import type { AttributionComparison } from '../domain/attribution-comparison.js';
import type { AttributionReport, AttributionTotal } from '../domain/attribution-report.js';
import type { InfluenceReport } from '../domain/stage-influence.js';
import { formatNumber } from './render.js';
import type { TableData } from './table-data.js';

const pct = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : `${(v * 100).toFixed(1)}%`);
const cents = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(v * 100) / 100);
const times = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : `${v.toFixed(2)}×`);

/** What each model does, in one line, for the notes under a table. */
export const MODEL_NOTES: Readonly<Record<string, string>> = {
  sourced: 'sourced: the whole deal to the team/channel/campaign of the first touch before the deal was created (else the original source)',
  'first-touch': 'first-touch: 100% to the first touch',
  'last-touch': 'last-touch: 100% to the last touch before the close',
  linear: 'linear: equal credit to every touch before the close',
  'time-decay': 'time-decay: credit halves for every half-life before the last touch',
  'u-shaped': 'u-shaped: 40% first touch, 40% lead-creation touch, 20% spread over the rest',
  'w-shaped': 'w-shaped: 30% first touch, 30% lead creation, 30% opportunity creation, 10% spread over the rest',
  'full-path': 'full-path: 22.5% each to first touch, lead creation, opportunity creation and the closing touch, 10% over the rest',
};

function period(from: string | null, to: string | null): string {
  return from || to ? `${from ?? '…'} to ${to ?? '…'}` : 'all time';
}

function dealsOf(basis: 'close' | 'cohort', from: string | null, to: string | null): string {
  return basis === 'cohort' ? `deals of people who entered the funnel ${period(from, to)}` : `deals won or created ${period(from, to)}`;
}

/** The attribution report as one table (rows and a total line) with notes. */
export function attributionTables(r: AttributionReport): TableData[] {
  const withCost = r.total.cost !== undefined;
  const cells = (t: AttributionTotal): (string | number | null)[] => [
    t.touches,
    cents(t.pipeline),
    cents(t.revenue),
    pct(r.total.revenue > 0 ? t.revenue / r.total.revenue : null),
    t.deals,
    ...(withCost ? [cents(t.cost), cents(t.costPerInquiry), cents(t.costPerMql), cents(t.costPerDeal), times(t.returnOnSpend)] : []),
  ];
  return [
    {
      title: `Attribution, ${r.model} model, by ${r.by} (${dealsOf(r.basis, r.from, r.to)}; money in ${r.currency})`,
      columns: [r.by, 'touches', 'pipeline', 'revenue', 'revenue share', 'won deals', ...(withCost ? ['cost', 'cost/inquiry', 'cost/mql', 'cost/won deal', 'return'] : [])],
      rows: [...r.rows.map((row) => [row.key, ...cells(row)]), ['total', ...cells(r.total)]],
      notes: [
        MODEL_NOTES[r.model] ?? r.model,
        r.basis === 'cohort'
          ? 'pipeline: every deal of the cohort; revenue and won deals: its deals won (whenever they closed); touches after a close carry no credit'
          : 'pipeline: deals created in the period; revenue and won deals: deals won in the period; touches after a close carry no credit',
        ...(withCost ? ['return: credited revenue ÷ cost; cost per inquiry/mql: people touched by it before reaching the stage'] : []),
        ...r.notes,
      ],
    },
  ];
}

/** The comparison: revenue (then pipeline) per key under every model, with the spread. */
export function comparisonTables(c: AttributionComparison): TableData[] {
  const models = c.models.map((m) => m.model);
  const title = `by ${c.by} (${dealsOf(c.basis, c.from, c.to)}; money in ${c.currency})`;
  const biggest = [...c.rows].sort((a, b) => b.revenueSpread - a.revenueSpread)[0];
  const lowest = biggest && models.find((m) => biggest.revenue[m] === biggest.revenueMin);
  const highest = biggest && models.find((m) => biggest.revenue[m] === biggest.revenueMax);
  return [
    {
      title: `Revenue credited under each model, ${title}`,
      columns: [c.by, ...models, 'spread', 'spread share'],
      rows: [
        ...c.rows.map((row) => [row.key, ...models.map((m) => cents(row.revenue[m])), cents(row.revenueSpread), pct(row.spreadShare)]),
        ['total', ...c.models.map((m) => cents(m.total.revenue)), null, null],
      ],
      notes: [
        'spread: highest minus lowest credit over the models — how much the answer depends on the model',
        ...(biggest && biggest.revenueSpread > 0
          ? [`${biggest.key} depends on the model most: ${formatNumber(cents(biggest.revenueMin)!)} (${lowest}) to ${formatNumber(cents(biggest.revenueMax)!)} (${highest}) ${c.currency}`]
          : []),
        ...c.notes,
      ],
    },
    {
      title: `Pipeline credited under each model, ${title}`,
      columns: [c.by, ...models],
      rows: [...c.rows.map((row) => [row.key, ...models.map((m) => cents(row.pipeline[m]))]), ['total', ...c.models.map((m) => cents(m.total.pipeline))]],
    },
    ...(c.models[0]?.total.cost !== undefined ? [returnTable(c, models, title)] : []),
  ];
}

/** Where campaign costs are imported: credited revenue ÷ cost per key under every model. */
function returnTable(c: AttributionComparison, models: readonly string[], title: string): TableData {
  const withCost = c.rows.filter((row) => c.models.some((m) => (m.rows.find((x) => x.key === row.key)?.cost ?? 0) > 0));
  const returnOf = (model: number, key: string): string | null => times(c.models[model]!.rows.find((x) => x.key === key)?.returnOnSpend);
  return {
    title: `Return on spend under each model, ${title}`,
    columns: [c.by, 'cost', ...models],
    rows: [
      ...withCost.map((row) => [row.key, cents(c.models[0]!.rows.find((x) => x.key === row.key)?.cost), ...models.map((_, i) => returnOf(i, row.key))]),
      ['total', cents(c.models[0]!.total.cost), ...c.models.map((m) => times(m.total.returnOnSpend))],
    ],
    notes: ['return: credited revenue ÷ cost; total: all revenue ÷ all cost, whatever the model'],
  };
}

/** One table per transition: the keys that touched the people who moved, most first. */
export function influenceTables(r: InfluenceReport, top: number): TableData[] {
  return r.transitions.map((t) => {
    const rows = top > 0 ? t.rows.slice(0, top) : t.rows;
    return {
      title: `Into ${t.to} (${t.from ?? 'new'} → ${t.to}): ${t.moved} people moved (${period(r.from, r.to)}); touched in the ${r.windowDays} days before, by ${r.by}`,
      columns: [r.by, 'people touched', 'share of movers'],
      rows: rows.map((row) => [row.key, row.people, pct(row.share)]),
      notes: [
        ...(t.moved === 0 ? ['no one made this move in the period (or the times of the move are unknown)'] : []),
        `owner of the stage they left: ${t.owner}; people who skipped earlier stages count under the stage they reached`,
        ...(rows.length < t.rows.length ? [`${t.rows.length - rows.length} more (--top 0 shows all)`] : []),
      ],
    };
  });
}
