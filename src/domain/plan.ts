import { TandemError } from './errors.js';
import type { FunnelModel } from './funnel-model.js';
import { stageDefinition } from './funnel-model.js';
import { MAIN_STAGES } from './stage.js';
import type { MainStageId, Team } from './stage.js';
import { nextStage, transitionLabel } from './stage-rates.js';

export type RateSource = 'file' | 'observed' | 'target';

/** What the planner assumes for one transition X→next. */
export interface PlanRate {
  readonly stage: MainStageId;
  readonly conversion: number | null;
  readonly conversionSource: RateSource | null;
  /** Days from reaching X to reaching the next stage (observed median by default). */
  readonly lagDays: number | null;
  readonly lagSource: RateSource | null;
}

/** Rates given for a scenario (a rates file): each replaces the observed one. */
export interface PlanRatesOverride {
  readonly averageSellingPrice: number | null;
  readonly stages: Readonly<Partial<Record<Exclude<MainStageId, 'won'>, { readonly conversion?: number; readonly lagDays?: number }>>>;
}

export interface PlanInput {
  readonly model: FunnelModel;
  /** Revenue goal, major units. */
  readonly goal: number;
  readonly currency: string;
  readonly period: { readonly label: string; readonly from: string; readonly to: string };
  readonly averageSellingPrice: number | null;
  readonly aspSource: RateSource | null;
  /** One per main stage before won. */
  readonly rates: readonly PlanRate[];
}

export interface PlanStage {
  readonly id: MainStageId;
  readonly owner: Team;
  /** Units the stage must take in (exact; `neededRounded` rounds up). */
  readonly needed: number;
  readonly neededRounded: number;
  readonly conversionToNext: number | null;
  readonly conversionSource: RateSource | null;
  readonly lagDaysToNext: number | null;
  readonly lagSource: RateSource | null;
  /** Whole days from entering this stage to being won: how much earlier its demand falls. */
  readonly leadDays: number;
  /** When they must come in: the goal period shifted earlier by the lead time (inclusive dates). */
  readonly windowFrom: string;
  readonly windowTo: string;
  readonly perWeek: number;
}

export interface Plan {
  readonly goal: number;
  readonly currency: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  readonly averageSellingPrice: number;
  readonly aspSource: RateSource;
  readonly wonNeeded: number;
  readonly stages: readonly PlanStage[];
  /** Per calendar month, how many each stage must take in that month (spread evenly over its window). */
  readonly schedule: readonly { readonly month: string; readonly needs: Readonly<Partial<Record<MainStageId, number>>> }[];
  readonly notes: readonly string[];
}

const DAY_MS = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00.000Z`);
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The reverse waterfall: from the revenue goal and the average selling price, how many won deals;
 * from each stage's conversion, how many each earlier stage must take in; from each stage's lag,
 * when (demand for an earlier stage falls earlier).
 */
export function planBackwards(input: PlanInput): Plan {
  const notes: string[] = [];
  if (!(input.goal > 0)) throw new TandemError('BAD_INPUT', `the revenue goal must be a positive amount, not ${input.goal}`, { place: { field: 'revenue' } });
  const asp = input.averageSellingPrice;
  if (asp === null || !(asp > 0) || input.aspSource === null) {
    throw new TandemError('BAD_INPUT', 'no average selling price is known (no won deal with an amount): give averageSellingPrice in --rates', {
      place: { field: 'averageSellingPrice' },
    });
  }
  const rates = new Map(input.rates.map((r) => [r.stage, r]));
  const needed = new Map<MainStageId, number>([['won', input.goal / asp]]);
  const leadDays = new Map<MainStageId, number>([['won', 0]]);
  for (const stage of [...MAIN_STAGES].reverse().slice(1)) {
    const next = nextStage(stage)!;
    const rate = rates.get(stage);
    const conversion = rate?.conversion ?? null;
    if (conversion === null || !(conversion > 0)) {
      throw new TandemError('BAD_INPUT', `no conversion is known for ${transitionLabel(stage, next)} (nobody passed it yet, and the model sets no target): give stages.${stage}.conversion in --rates`, {
        place: { field: `stages.${stage}.conversion` },
      });
    }
    needed.set(stage, needed.get(next)! / conversion);
    if (rate?.lagDays === null || rate?.lagDays === undefined) notes.push(`No lag is known for ${transitionLabel(stage, next)}: taken as 0 days.`);
    leadDays.set(stage, leadDays.get(next)! + Math.round(rate?.lagDays ?? 0));
  }
  const start = day(input.period.from);
  const end = day(input.period.to);
  const stages = MAIN_STAGES.map((id): PlanStage => {
    const lead = leadDays.get(id)!;
    const windowFrom = start - lead * DAY_MS;
    const windowTo = end - lead * DAY_MS;
    const n = needed.get(id)!;
    const rate = rates.get(id);
    return {
      id,
      owner: stageDefinition(input.model, id).owner,
      needed: n,
      neededRounded: Math.ceil(n - 1e-9),
      conversionToNext: id === 'won' ? null : (rate?.conversion ?? null),
      conversionSource: id === 'won' ? null : (rate?.conversionSource ?? null),
      lagDaysToNext: id === 'won' ? null : (rate?.lagDays ?? null),
      lagSource: id === 'won' ? null : (rate?.lagSource ?? null),
      leadDays: lead,
      windowFrom: isoDay(windowFrom),
      windowTo: isoDay(windowTo),
      perWeek: n / ((windowTo - windowFrom) / DAY_MS + 1) * 7,
    };
  });
  return {
    goal: input.goal,
    currency: input.currency,
    period: input.period.label,
    from: input.period.from,
    to: input.period.to,
    averageSellingPrice: asp,
    aspSource: input.aspSource,
    wonNeeded: needed.get('won')!,
    stages,
    schedule: monthlySchedule(stages),
    notes,
  };
}

/** Spreads each stage's need evenly over the days of its window and sums it per month. */
function monthlySchedule(stages: readonly PlanStage[]): Plan['schedule'] {
  const months = new Map<string, Partial<Record<MainStageId, number>>>();
  for (const s of stages) {
    const first = day(s.windowFrom);
    const last = day(s.windowTo);
    const perDay = s.needed / ((last - first) / DAY_MS + 1);
    for (let t = first; t <= last; t += DAY_MS) {
      const month = isoDay(t).slice(0, 7);
      const needs = months.get(month) ?? {};
      needs[s.id] = (needs[s.id] ?? 0) + perDay;
      months.set(month, needs);
    }
  }
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, needs]) => ({ month, needs }));
}
