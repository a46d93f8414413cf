import type { FunnelModel } from './funnel-model.js';
import { stageDefinition } from './funnel-model.js';
import type { FunnelFigures, FunnelReport } from './funnel-report.js';
import type { FunnelUnit } from './funnel-unit.js';
import type { Plan } from './plan.js';
import { MAIN_STAGES, TEAMS } from './stage.js';
import type { MainStageId, StageId, Team } from './stage.js';
import { nextStage, previousStage, reachedAt, transitionLabel } from './stage-rates.js';

/** Stays in a stage with an SLA, and how many ended (or are still running) within it. */
export interface SlaTally {
  readonly stage: StageId;
  /** The person owner, when tallied per owner. */
  readonly owner: string | null;
  readonly stays: number;
  readonly within: number;
}

export interface StageScore {
  readonly stage: StageId;
  readonly owner: Team;
  /** The transition into this stage that its owner answers for (`mql→sal`); null for the top and side stages. */
  readonly transition: string | null;
  readonly reached: number | null;
  readonly conversion: number | null;
  readonly target: number | null;
  readonly onTarget: boolean | null;
  readonly slaHours: number | null;
  /** Whose promise the SLA is: for a main stage, the owner of the next stage (who must take the people in). */
  readonly slaOwner: Team;
  readonly slaStays: number;
  readonly slaCompliance: number | null;
  /** Units that went on to the next main stage. */
  readonly handedOn: number | null;
  /** With a goal: how many the stage must take in for it (the reverse waterfall). */
  readonly neededForGoal: number | null;
}

export interface TeamScore {
  readonly team: Team;
  readonly stages: readonly StageId[];
  readonly transitionsOnTarget: number;
  readonly transitionsJudged: number;
  readonly slaCompliance: number | null;
  /** Units handed to the next team's stage (or, from won, to the customer). */
  readonly handedOn: number;
  /** The team's part of the goal: what its hand-over stage must deliver, and what it did. */
  readonly goal: { readonly stage: MainStageId; readonly needed: number; readonly actual: number; readonly attainment: number } | null;
}

export interface OwnerScore {
  readonly owner: string;
  readonly units: number;
  readonly transitions: readonly { readonly transition: string; readonly conversion: number | null; readonly target: number | null }[];
  readonly slaCompliance: number | null;
  readonly wonCount: number;
  readonly wonAmount: number;
}

export interface Scorecard {
  readonly modelVersion: string;
  readonly unit: FunnelUnit;
  readonly period: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly currency: string;
  readonly revenue: { readonly wonCount: number; readonly wonAmount: number; readonly goal: number | null; readonly attainment: number | null };
  readonly teams: readonly TeamScore[];
  readonly stages: readonly StageScore[];
  readonly owners: readonly OwnerScore[];
  readonly notes: readonly string[];
}

export interface ScorecardInput {
  readonly model: FunnelModel;
  readonly period: { readonly label: string | null; readonly from: string | null; readonly to: string | null };
  readonly report: FunnelReport;
  readonly byOwner: FunnelReport | null;
  readonly sla: readonly SlaTally[];
  readonly slaByOwner: readonly SlaTally[];
  readonly plan: Plan | null;
}

function compliance(tallies: readonly SlaTally[]): { stays: number; share: number | null } {
  const stays = tallies.reduce((n, t) => n + t.stays, 0);
  const within = tallies.reduce((n, t) => n + t.within, 0);
  return { stays, share: stays > 0 ? within / stays : null };
}

/** Conversion into a main stage from the one before, with the target set on the one before. */
function into(model: FunnelModel, f: FunnelFigures, stage: MainStageId): { transition: string | null; conversion: number | null; target: number | null } {
  const from = previousStage(stage);
  if (from === null) return { transition: null, conversion: null, target: null };
  const base = f.stages.find((s) => s.id === from);
  return { transition: transitionLabel(from, stage), conversion: base?.conversionToNext ?? null, target: stageDefinition(model, from).targetConversion };
}

/** One page both teams read the same way: per team, per stage and per owner, promises against results. */
export function scorecard(input: ScorecardInput): Scorecard {
  const { model, report, plan } = input;
  const stages: StageScore[] = model.stages.map((def) => {
    const main = (MAIN_STAGES as readonly StageId[]).includes(def.id) ? (def.id as MainStageId) : null;
    const sla = compliance(input.sla.filter((t) => t.stage === def.id));
    const conv = main ? into(model, report, main) : { transition: null, conversion: null, target: null };
    const next = main ? nextStage(main) : null;
    return {
      stage: def.id,
      owner: def.owner,
      ...conv,
      reached: main ? reachedAt(report, main) : null,
      onTarget: conv.conversion !== null && conv.target !== null ? conv.conversion >= conv.target : null,
      slaHours: def.slaHours,
      slaOwner: next ? stageDefinition(model, next).owner : def.owner,
      slaStays: sla.stays,
      slaCompliance: sla.share,
      handedOn: main ? (next ? reachedAt(report, next) : reachedAt(report, main)) : null,
      neededForGoal: main && plan ? (plan.stages.find((s) => s.id === main)?.needed ?? null) : null,
    };
  });
  const teams = TEAMS.map((team): TeamScore => {
    const own = stages.filter((s) => s.owner === team);
    const judged = own.filter((s) => s.onTarget !== null);
    // A hand-over: a main stage of this team whose next stage belongs to another team (won hands over to the customer).
    const handOvers = MAIN_STAGES.filter((s) => stageDefinition(model, s).owner === team && (s === 'won' || stageDefinition(model, nextStage(s)!).owner !== team));
    const handedOn = handOvers.reduce((n, s) => n + (s === 'won' ? reachedAt(report, s) : reachedAt(report, nextStage(s)!)), 0);
    const last = handOvers[handOvers.length - 1];
    const needed = last && plan ? plan.stages.find((p) => p.id === last)?.needed : undefined;
    const actual = last ? reachedAt(report, last) : 0;
    return {
      team,
      stages: own.map((s) => s.stage),
      transitionsOnTarget: judged.filter((s) => s.onTarget).length,
      transitionsJudged: judged.length,
      slaCompliance: compliance(input.sla.filter((t) => stages.some((s) => s.stage === t.stage && s.slaOwner === team))).share,
      handedOn,
      goal: last && needed !== undefined ? { stage: last, needed, actual, attainment: needed > 0 ? actual / needed : 1 } : null,
    };
  });
  const owners = (input.byOwner?.groups ?? []).map((g): OwnerScore => ({
    owner: g.key,
    units: reachedAt(g, MAIN_STAGES[0]),
    transitions: MAIN_STAGES.slice(1).map((s) => {
      const c = into(model, g, s);
      return { transition: c.transition!, conversion: c.conversion, target: c.target };
    }),
    slaCompliance: compliance(input.slaByOwner.filter((t) => (t.owner ?? '(none)') === g.key)).share,
    wonCount: g.revenue.wonCount,
    wonAmount: g.revenue.wonAmount,
  }));
  const notes: string[] = [
    'A conversion X→Y is scored to the team that owns Y: the stage that must take the people in; so is the SLA of X (how long people may wait there).',
  ];
  if (report.unit === 'account') notes.push('SLA compliance counts the stays of people (an SLA is a promise to a person), not accounts.');
  return {
    modelVersion: report.modelVersion,
    unit: report.unit,
    period: input.period.label,
    from: input.period.from,
    to: input.period.to,
    currency: report.revenue.currency,
    revenue: {
      wonCount: report.revenue.wonCount,
      wonAmount: report.revenue.wonAmount,
      goal: plan?.goal ?? null,
      attainment: plan ? report.revenue.wonAmount / plan.goal : null,
    },
    teams,
    stages,
    owners,
    notes,
  };
}
