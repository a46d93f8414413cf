import type { FunnelModel } from './funnel-model.js';
import { stageDefinition } from './funnel-model.js';
import { MAIN_STAGES } from './stage.js';
import type { MainStageId, Team } from './stage.js';

/** What the store aggregates per main stage (one scan of the journeys). */
export interface StageAggregate {
  readonly stage: MainStageId;
  readonly reached: number;
  readonly current: number;
  readonly pastSla: number;
  readonly medianDaysToNext: number | null;
  readonly p90DaysToNext: number | null;
}

export interface RevenueAggregate {
  readonly currency: string | null;
  readonly wonCount: number;
  readonly lostCount: number;
  readonly wonAmountMinor: number;
  /** Won deals whose amount is known (the average selling price is over these). */
  readonly wonWithAmount: number;
}

export interface FunnelAggregate {
  readonly key: string | null;
  readonly stages: readonly StageAggregate[];
  readonly revenue: readonly RevenueAggregate[];
}

export interface StageFigures {
  readonly id: MainStageId;
  readonly label: string;
  readonly owner: Team;
  readonly reached: number;
  readonly conversionToNext: number | null;
  readonly conversionFromTop: number | null;
  readonly targetConversion: number | null;
  readonly medianDaysToNext: number | null;
  readonly p90DaysToNext: number | null;
  readonly current: number;
  readonly pastSla: number;
}

export interface RevenueFigures {
  readonly wonCount: number;
  readonly lostCount: number;
  /** Major units (dollars, not cents). */
  readonly wonAmount: number;
  readonly averageSellingPrice: number | null;
  readonly winRate: number | null;
  readonly currency: string;
  /** Present when opportunities carry more than one currency: each one's own figures. */
  readonly byCurrency?: readonly RevenueFigures[];
}

export interface FunnelFigures {
  readonly stages: readonly StageFigures[];
  readonly revenue: RevenueFigures;
}

export interface FunnelGroup extends FunnelFigures {
  readonly key: string;
}

export interface FunnelReport extends FunnelFigures {
  readonly modelVersion: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly by: string | null;
  readonly groups?: readonly FunnelGroup[];
}

/** Minor units per major unit of a currency (2 for USD, 0 for JPY), from the platform's ISO data. */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorUnitDigits(currency);
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function revenueFigures(rows: readonly RevenueAggregate[], fallbackCurrency: string): RevenueFigures {
  const single = (r: RevenueAggregate): RevenueFigures => {
    const currency = r.currency ?? fallbackCurrency;
    const wonAmount = toMajor(r.wonAmountMinor, currency);
    return {
      wonCount: r.wonCount,
      lostCount: r.lostCount,
      wonAmount,
      averageSellingPrice: r.wonWithAmount > 0 ? wonAmount / r.wonWithAmount : null,
      winRate: ratio(r.wonCount, r.wonCount + r.lostCount),
      currency,
    };
  };
  const merged = new Map<string, RevenueAggregate>();
  for (const r of rows) {
    const currency = r.currency ?? fallbackCurrency;
    const prev = merged.get(currency);
    merged.set(currency, {
      currency,
      wonCount: (prev?.wonCount ?? 0) + r.wonCount,
      lostCount: (prev?.lostCount ?? 0) + r.lostCount,
      wonAmountMinor: (prev?.wonAmountMinor ?? 0) + r.wonAmountMinor,
      wonWithAmount: (prev?.wonWithAmount ?? 0) + r.wonWithAmount,
    });
  }
  const list = [...merged.values()];
  if (list.length === 0) return single({ currency: fallbackCurrency, wonCount: 0, lostCount: 0, wonAmountMinor: 0, wonWithAmount: 0 });
  if (list.length === 1) return single(list[0]!);
  // Amounts in different currencies are never added up: counts are, money is shown per currency.
  const byCurrency = list.map(single).sort((a, b) => b.wonAmount - a.wonAmount);
  const wonCount = list.reduce((n, r) => n + r.wonCount, 0);
  const lostCount = list.reduce((n, r) => n + r.lostCount, 0);
  return {
    ...byCurrency[0]!,
    wonCount,
    lostCount,
    winRate: ratio(wonCount, wonCount + lostCount),
    byCurrency,
  };
}

/** Turns the store's aggregates into the funnel figures both teams read. */
export function funnelFigures(model: FunnelModel, aggregate: FunnelAggregate): FunnelFigures {
  const byStage = new Map(aggregate.stages.map((s) => [s.stage, s]));
  const top = byStage.get(MAIN_STAGES[0])?.reached ?? 0;
  const stages = MAIN_STAGES.map((id, i): StageFigures => {
    const agg = byStage.get(id);
    const next = MAIN_STAGES[i + 1];
    const reached = agg?.reached ?? 0;
    const def = stageDefinition(model, id);
    return {
      id,
      label: def.label,
      owner: def.owner,
      reached,
      conversionToNext: next ? ratio(byStage.get(next)?.reached ?? 0, reached) : null,
      conversionFromTop: ratio(reached, top),
      targetConversion: next ? def.targetConversion : null,
      medianDaysToNext: agg?.medianDaysToNext ?? null,
      p90DaysToNext: agg?.p90DaysToNext ?? null,
      current: agg?.current ?? 0,
      pastSla: agg?.pastSla ?? 0,
    };
  });
  return { stages, revenue: revenueFigures(aggregate.revenue, model.currency) };
}
