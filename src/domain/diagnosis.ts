import type { FunnelModel } from './funnel-model.js';
import { stageDefinition } from './funnel-model.js';
import type { FunnelFigures } from './funnel-report.js';
import type { FunnelUnit } from './funnel-unit.js';
import { MAIN_STAGES } from './stage.js';
import type { MainStageId, Team } from './stage.js';
import { nextStage, previousStage, rateToWon, reachedAt, transitionLabel } from './stage-rates.js';
import { countText, moneyText, pctText } from './text-format.js';

export const FINDING_KINDS = ['conversion', 'aging', 'capacity'] as const;
/** conversion: a transition below its target (or history); aging: inventory past its SLA; capacity: more inflow than its owners can work. */
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * One thing that costs the funnel revenue, named by the stage whose owners can fix it.
 * A conversion X→Y is the stage Y's: its owners must accept (or win) the people X hands them.
 */
export interface Finding {
  readonly stage: MainStageId;
  /** The transition at issue, `mql→sal` (for aging: the stage people wait in, and the one they wait for). */
  readonly transition: string;
  readonly owner: Team;
  readonly kind: FindingKind;
  /** Major units of the report currency; null when no deal has a known amount. */
  readonly revenueAtStake: number | null;
  readonly dealsAtStake: number;
  readonly summary: string;
  /** What the comparison was made against: the model's target, or the funnel's own history. */
  readonly basis: 'target' | 'history' | 'sla' | 'model-capacity' | 'observed-capacity';
  /** The figures behind the finding (kind-specific, all numbers). */
  readonly figures: Readonly<Record<string, number | null>>;
}

export interface Diagnosis {
  readonly modelVersion: string;
  readonly unit: FunnelUnit;
  readonly from: string | null;
  readonly to: string | null;
  readonly currency: string;
  readonly averageSellingPrice: number | null;
  /** Most important first: revenue at stake, then deals at stake. */
  readonly findings: readonly Finding[];
  readonly notes: readonly string[];
}

/** Demand on a stage's owners in the period, and what they can work. */
export interface StageLoad {
  /** The stage whose owners do the work (Y of X→Y). */
  readonly stage: MainStageId;
  /** Units that passed the stage before (X) within the period: the people Y's owners must act on. */
  readonly arrivals: number;
  /** Distinct owners seen working those units (0 when the data names none). */
  readonly owners: number;
  /** A good week's decisions on units leaving X, over all history (90th percentile of weekly exits). */
  readonly observedWeeklyCapacity: number | null;
  /** Length of the period in weeks. */
  readonly weeks: number;
}

export interface DiagnosisInput {
  readonly model: FunnelModel;
  readonly unit: FunnelUnit;
  readonly from: string | null;
  readonly to: string | null;
  readonly period: FunnelFigures;
  /** The funnel's whole history: the yardstick where no target is set. */
  readonly history: FunnelFigures;
  /** True when the period is the whole history (then history is no yardstick). */
  readonly periodIsHistory: boolean;
  readonly loads: readonly StageLoad[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

interface Context {
  readonly input: DiagnosisInput;
  readonly asp: number | null;
  readonly currency: string;
}

function atStake(ctx: Context, deals: number): { stake: { revenueAtStake: number | null; dealsAtStake: number }; worth: string } {
  const revenue = ctx.asp === null ? null : deals * ctx.asp;
  const worth = `about ${countText(deals)} more won deal${round2(deals) === 1 ? '' : 's'}${revenue === null ? '' : ` (${moneyText(revenue, ctx.currency)})`}`;
  return { stake: { revenueAtStake: revenue === null ? null : round2(revenue), dealsAtStake: round2(deals) }, worth };
}

function conversionFinding(ctx: Context, from: MainStageId, to: MainStageId): Finding | null {
  const { model, period, history, periodIsHistory } = ctx.input;
  const base = period.stages.find((s) => s.id === from);
  if (!base || base.reached === 0 || base.conversionToNext === null) return null;
  const actual = base.conversionToNext;
  const target = stageDefinition(model, from).targetConversion;
  const historical = periodIsHistory ? null : (history.stages.find((s) => s.id === from)?.conversionToNext ?? null);
  const yardstick = target ?? historical;
  if (yardstick === null || actual >= yardstick) return null;
  const owner = stageDefinition(model, to).owner;
  const extra = base.reached * (yardstick - actual);
  const { stake, worth } = atStake(ctx, extra * rateToWon(model, to, period, history));
  const against = target !== null ? `its target of ${pctText(target)}` : `the funnel's own history (${pctText(yardstick)}; no target is set)`;
  return {
    stage: to,
    transition: transitionLabel(from, to),
    owner,
    kind: 'conversion',
    ...stake,
    basis: target !== null ? 'target' : 'history',
    figures: { reached: base.reached, converted: reachedAt(period, to), conversion: actual, target, history: historical, extraAtNextStage: round2(extra) },
    summary:
      `${transitionLabel(from, to)} converted ${pctText(actual)} of ${countText(base.reached)} against ${against}. ` +
      `${capitalise(owner)} owns ${to}, the stage that must take them in. At ${target !== null ? 'target' : 'that rate'}, ` +
      `${countText(extra)} more would have reached ${to}: ${worth}.`,
  };
}

/**
 * Inventory in a stage X past X's SLA: people waiting to be taken into the next stage Y. Like a
 * conversion X→Y, it is Y's owners' to clear (for mql→sal: sales, who must accept or reject).
 */
function agingFinding(ctx: Context, stage: MainStageId): Finding | null {
  const { model, period, history } = ctx.input;
  const def = stageDefinition(model, stage);
  const figures = period.stages.find((s) => s.id === stage);
  const next = nextStage(stage);
  if (def.slaHours === null || !figures || figures.pastSla === 0 || next === null) return null;
  const owner = stageDefinition(model, next).owner;
  const { stake, worth } = atStake(ctx, figures.pastSla * rateToWon(model, stage, period, history));
  const sla = def.slaHours % 24 === 0 ? `${def.slaHours / 24}-day` : `${def.slaHours}-hour`;
  return {
    stage: next,
    transition: transitionLabel(stage, next),
    owner,
    kind: 'aging',
    ...stake,
    basis: 'sla',
    figures: { pastSla: figures.pastSla, inStage: figures.current, slaHours: def.slaHours },
    summary:
      `${countText(figures.pastSla)} of ${countText(figures.current)} now in ${stage} ${figures.pastSla === 1 ? 'has' : 'have'} waited longer than its ${sla} SLA ` +
      `to be taken into ${next} (${owner} owns ${next}). Moved on like the rest, they would bring ${worth}.`,
  };
}

function capacityFinding(ctx: Context, load: StageLoad): Finding | null {
  const { model, period, history } = ctx.input;
  const def = stageDefinition(model, load.stage);
  const from = previousStage(load.stage);
  if (from === null || load.weeks <= 0) return null;
  const perOwner = def.capacityPerOwnerWeek;
  const useModel = perOwner !== null && load.owners > 0;
  const capacity = useModel ? perOwner * load.owners : load.observedWeeklyCapacity;
  if (capacity === null || capacity <= 0) return null;
  const demand = load.arrivals / load.weeks;
  if (demand <= capacity) return null;
  const unworked = (demand - capacity) * load.weeks;
  const { stake, worth } = atStake(ctx, unworked * rateToWon(model, from, period, history));
  const how = useModel
    ? `${countText(load.owners)} owner${load.owners === 1 ? '' : 's'} × ${countText(perOwner)} a week, from the model`
    : `a good week's work so far${perOwner !== null ? '; the data names no owners to apply the model\'s capacity to' : ''}`;
  return {
    stage: load.stage,
    transition: transitionLabel(from, load.stage),
    owner: def.owner,
    kind: 'capacity',
    ...stake,
    basis: useModel ? 'model-capacity' : 'observed-capacity',
    figures: { arrivalsPerWeek: round2(demand), capacityPerWeek: round2(capacity), owners: load.owners, weeks: round2(load.weeks), unworked: round2(unworked) },
    summary:
      `${load.stage} gets ${countText(demand)} people a week from ${from} to work, but its owners (${def.owner}) can work ${countText(capacity)} ` +
      `(${how}): ${countText(unworked)} over the period went unworked. Worked like the rest, they would bring ${worth}.`,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Finds where the funnel is plugged and what fixing it is worth: each transition below target
 * (or, without one, below the funnel's history), inventory past its SLA, and stages with more
 * inflow than their owners can work — ranked by revenue at stake, then deals at stake.
 */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const asp = input.period.revenue.averageSellingPrice ?? input.history.revenue.averageSellingPrice;
  const currency = input.period.revenue.averageSellingPrice !== null ? input.period.revenue.currency : input.history.revenue.currency;
  const ctx: Context = { input, asp, currency };
  const findings: Finding[] = [];
  for (const stage of MAIN_STAGES) {
    const next = nextStage(stage);
    const conversion = next ? conversionFinding(ctx, stage, next) : null;
    if (conversion) findings.push(conversion);
    const aging = agingFinding(ctx, stage);
    if (aging) findings.push(aging);
  }
  for (const load of input.loads) {
    const f = capacityFinding(ctx, load);
    if (f) findings.push(f);
  }
  findings.sort((a, b) => (b.revenueAtStake ?? 0) - (a.revenueAtStake ?? 0) || b.dealsAtStake - a.dealsAtStake);
  const notes: string[] = [];
  if (asp === null) notes.push('No won deal has an amount yet: revenue at stake is unknown; findings are ranked by deals at stake.');
  if (input.periodIsHistory) notes.push('The period is the whole history: stages without a target have no yardstick and are not judged.');
  const untargeted = MAIN_STAGES.filter((s) => nextStage(s) !== null && stageDefinition(input.model, s).targetConversion === null);
  if (untargeted.length > 0 && !input.periodIsHistory) {
    notes.push(`No target is set for ${untargeted.map((s) => transitionLabel(s, nextStage(s)!)).join(', ')}: compared with the funnel's own history.`);
  }
  return {
    modelVersion: input.model.version,
    unit: input.unit,
    from: input.from,
    to: input.to,
    currency,
    averageSellingPrice: asp,
    findings,
    notes,
  };
}
