import type { FunnelFigures, FunnelReport, RevenueFigures, StageFigures } from './funnel-report.js';
import type { MainStageId } from './stage.js';

/** How a figure moved from period a to period b: b − a, and (b − a) / a (null where a is 0 or a side is missing). */
export interface Change {
  readonly absolute: number | null;
  readonly relative: number | null;
}

export interface StageChange {
  readonly id: MainStageId;
  readonly reached: Change;
  readonly conversionToNext: Change;
  readonly conversionFromTop: Change;
  readonly medianDaysToNext: Change;
  readonly p90DaysToNext: Change;
  readonly current: Change;
  readonly pastSla: Change;
}

export interface RevenueChange {
  readonly wonCount: Change;
  readonly lostCount: Change;
  /** Null when the two periods report different currencies (amounts are never mixed). */
  readonly wonAmount: Change;
  readonly averageSellingPrice: Change;
  readonly winRate: Change;
}

export interface FunnelChange {
  readonly stages: readonly StageChange[];
  readonly revenue: RevenueChange;
  readonly groups?: readonly ({ readonly key: string } & Omit<FunnelChange, 'groups'>)[];
}

/** Two funnel reports side by side with what changed: `{a, b, change}`. */
export interface CompareReport {
  readonly a: FunnelReport & { readonly period: string };
  readonly b: FunnelReport & { readonly period: string };
  readonly change: FunnelChange;
}

export function change(a: number | null | undefined, b: number | null | undefined): Change {
  if (a === null || a === undefined || b === null || b === undefined) return { absolute: null, relative: null };
  return { absolute: b - a, relative: a !== 0 ? (b - a) / a : null };
}

const NO_CHANGE: Change = { absolute: null, relative: null };

function stageChange(id: MainStageId, a: StageFigures | undefined, b: StageFigures | undefined): StageChange {
  return {
    id,
    reached: change(a?.reached ?? 0, b?.reached ?? 0),
    conversionToNext: change(a?.conversionToNext, b?.conversionToNext),
    conversionFromTop: change(a?.conversionFromTop, b?.conversionFromTop),
    medianDaysToNext: change(a?.medianDaysToNext, b?.medianDaysToNext),
    p90DaysToNext: change(a?.p90DaysToNext, b?.p90DaysToNext),
    current: change(a?.current ?? 0, b?.current ?? 0),
    pastSla: change(a?.pastSla ?? 0, b?.pastSla ?? 0),
  };
}

function revenueChange(a: RevenueFigures | undefined, b: RevenueFigures | undefined): RevenueChange {
  const sameCurrency = a !== undefined && b !== undefined && a.currency === b.currency && !a.byCurrency && !b.byCurrency;
  return {
    wonCount: change(a?.wonCount ?? 0, b?.wonCount ?? 0),
    lostCount: change(a?.lostCount ?? 0, b?.lostCount ?? 0),
    wonAmount: sameCurrency ? change(a.wonAmount, b.wonAmount) : NO_CHANGE,
    averageSellingPrice: sameCurrency ? change(a.averageSellingPrice, b.averageSellingPrice) : NO_CHANGE,
    winRate: change(a?.winRate, b?.winRate),
  };
}

/** What changed from a to b, stage by stage and in revenue. */
export function figuresChange(a: FunnelFigures | undefined, b: FunnelFigures | undefined): Omit<FunnelChange, 'groups'> {
  const ids = (a ?? b)?.stages.map((s) => s.id) ?? [];
  return {
    stages: ids.map((id) => stageChange(id, a?.stages.find((s) => s.id === id), b?.stages.find((s) => s.id === id))),
    revenue: revenueChange(a?.revenue, b?.revenue),
  };
}

/** The change between two reports, and between their groups matched by key (a group in only one side compares with nothing). */
export function funnelChange(a: FunnelReport, b: FunnelReport): FunnelChange {
  const overall = figuresChange(a, b);
  if (!a.groups && !b.groups) return overall;
  const keys = [...new Set([...(a.groups ?? []), ...(b.groups ?? [])].map((g) => g.key))].sort();
  return {
    ...overall,
    groups: keys.map((key) => ({
      key,
      ...figuresChange(a.groups?.find((g) => g.key === key) ?? emptyLike(a), b.groups?.find((g) => g.key === key) ?? emptyLike(b)),
    })),
  };
}

/** A group absent from a period: nobody reached anything. */
export function emptyLike(r: FunnelFigures): FunnelFigures {
  return {
    stages: r.stages.map((s) => ({ ...s, reached: 0, conversionToNext: null, conversionFromTop: null, medianDaysToNext: null, p90DaysToNext: null, current: 0, pastSla: 0 })),
    revenue: { ...r.revenue, wonCount: 0, lostCount: 0, wonAmount: 0, averageSellingPrice: null, winRate: null, byCurrency: undefined },
  };
}
