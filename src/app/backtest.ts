import type { ActivityType } from '../domain/activity-type.js';
import type { Timeline } from '../domain/lifecycle.js';
import { minorUnitDigits } from '../domain/funnel-report.js';
import { BacktestAccumulator } from '../domain/qualification/backtest-figures.js';
import type { AccumulatorState, BacktestFigures, PersonOutcome } from '../domain/qualification/backtest-figures.js';
import { typesRead } from '../domain/qualification/compiled-model.js';
import { peakFitUntil, peakUntil } from '../domain/qualification/evaluate.js';
import type { Evaluation } from '../domain/qualification/evaluate.js';
import { fieldGetter, isAbsent } from '../domain/qualification/field-value.js';
import { fieldsRead } from '../domain/qualification/fields-read.js';
import { FollowUpProvider } from '../domain/follow-up-provider.js';
import { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import { periodBounds } from './period.js';
import type { QualificationStore, WonAmount } from './ports/qualification-store.js';
import type { PersonActivities } from './ports/replay-store.js';
import { timelineOf } from './replay.js';
import type { ReplayContext } from './replay.js';

export interface BacktestRequest {
  /** Inclusive dates (YYYY-MM-DD) of funnel entry: the cohort. */
  readonly from: string | null;
  readonly to: string | null;
  /** Only these persons (e.g. a hold-out part); all when absent. */
  readonly include?: (personId: string) => boolean;
  readonly onProgress?: (done: number) => void;
  /**
   * `auto` (default): the database matches the rules' activity tests and only the funnel's
   * activities are read; `rows`: every activity a rule or the funnel reads is read and matched here.
   * Both give the same figures (a test holds them to it).
   */
  readonly transport?: 'auto' | 'rows';
  /** Only persons with an id after `after` and up to `until` (a part of a backtest run in parallel). */
  readonly range?: { readonly after: string | null; readonly until: string | null };
}

/** One person of the cohort as each candidate saw them: for samples, splits and explanations. */
export interface ScoredPerson {
  readonly row: PersonActivities;
  readonly timelines: readonly Timeline[];
  readonly evaluations: readonly Evaluation[];
  readonly outcomes: readonly PersonOutcome[];
}

export interface BacktestRun {
  readonly figures: readonly BacktestFigures[];
  readonly currency: string;
  readonly warnings: readonly string[];
}

/** A part of a backtest before its figures are computed: what a parallel part sends back. */
export interface BacktestPart {
  readonly states: readonly AccumulatorState[];
  readonly unseenFields: readonly string[];
  readonly otherCurrencies: readonly string[];
  readonly currency: string;
}

const PAGE = 2000;

const digits = new Map<string, number>();
function digitsOf(currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) digits.set(currency, (d = minorUnitDigits(currency)));
  return d;
}

function majorUnits(amounts: readonly WonAmount[] | undefined, currency: string, others: Set<string>): number {
  let minor = 0;
  for (const a of amounts ?? []) {
    if ((a.currency ?? currency) === currency) minor += a.amountMinor;
    else others.add(a.currency!);
  }
  return minor / 10 ** digitsOf(currency);
}

/** Splits the per-test times of all candidates (in order) into one list per candidate version. */
function byCandidate(candidates: readonly QualificationProvider[], times: readonly (readonly number[])[]): Map<string, readonly (readonly number[])[]> {
  const out = new Map<string, readonly (readonly number[])[]>();
  let offset = 0;
  for (const c of candidates) {
    const n = c.compiled.activityTests.length;
    out.set(c.version, times.slice(offset, offset + n));
    offset += n;
  }
  return out;
}

/**
 * Replays the cohort under each candidate qualification model with the lifecycle engine
 * (the same `timelineOf` a replay runs, no second implementation) and accumulates what each
 * would have qualified, kept and lost. One pass over the store serves every candidate.
 */
export async function runBacktest(
  store: QualificationStore,
  base: ReplayContext,
  candidates: readonly QualificationProvider[],
  request: BacktestRequest,
  onPerson?: (p: ScoredPerson) => void,
): Promise<BacktestRun> {
  return mergeBacktestParts(candidates, [await runBacktestPart(store, base, candidates, request, onPerson)]);
}

/** Figures from parts run separately (each a range of person ids), as one run over all of them. */
export function mergeBacktestParts(candidates: readonly QualificationProvider[], parts: readonly BacktestPart[]): BacktestRun {
  const accumulators = candidates.map((c, i) => {
    const a = new BacktestAccumulator(c.model);
    for (const p of parts) a.merge(p.states[i]!);
    return a;
  });
  const unseen = parts.length === 0 ? [] : parts.map((p) => p.unseenFields).reduce((acc, u) => acc.filter((f) => u.includes(f)));
  const others = [...new Set(parts.flatMap((p) => p.otherCurrencies))];
  const currency = parts[0]?.currency ?? 'USD';
  const warnings = [
    ...unseen.map((f) => `no person in the period has a value for field "${f}": check its name (person fields, snake_case imported columns, account.<name>)`),
    ...(others.length > 0 ? [`won amounts in ${others.join(', ')} are left out: the report is in ${currency}`] : []),
  ];
  return { figures: accumulators.map((a) => a.result()), currency, warnings };
}

/** One part of a backtest: the persons of `request.range` (all when absent). */
export async function runBacktestPart(
  store: QualificationStore,
  base: ReplayContext,
  candidates: readonly QualificationProvider[],
  request: BacktestRequest,
  onPerson?: (p: ScoredPerson) => void,
): Promise<BacktestPart> {
  const { fromIso, toIsoExclusive } = periodBounds(request.from, request.to);
  const others = base.providers.filter((p) => !(p instanceof QualificationProvider));
  const contexts = candidates.map((c) => ({ ...base, providers: [...others, c] }));
  // Only the activity types something reads need loading: funnel triggers and the candidates' rules.
  const types: ActivityType[] | null =
    others.length > 0 ? null : [...new Set([...base.model.stages.flatMap((s) => s.entry.map((e) => e.activity)), ...candidates.flatMap((c) => typesRead(c.compiled))])];
  const accumulators = candidates.map((c) => new BacktestAccumulator(c.model));
  const won = await store.wonAmounts(request.range);
  const currency = base.model.currency;
  const otherCurrencies = new Set<string>();
  const unseen = new Map(candidates.flatMap((c) => fieldsRead(c.model)).map((f) => [f, fieldGetter(f)]));
  const atMs = Date.parse(base.at);
  let after: string | null = request.range?.after ?? null;
  const until = request.range?.until ?? null;
  let done = 0;
  const engineTypes = [...new Set(base.model.stages.flatMap((s) => s.entry.map((e) => e.activity)))];
  const tests = candidates.flatMap((c) => c.compiled.activityTests);
  // A follow-up provider gives signals only to people with an activity that enters its start or
  // enrollment stage — funnel entry types, which the matched transport reads — and then needs
  // all their activities: those few are read whole. Other providers need every row of everyone.
  const followUps = others.filter((p): p is FollowUpProvider => p instanceof FollowUpProvider);
  let matched = followUps.length === others.length && request.transport !== 'rows';
  for (;;) {
    let page: readonly PersonActivities[] | null = null;
    if (matched) {
      const rows = await store.pageScoringMatched(after, PAGE, engineTypes, tests);
      if (rows === null) matched = false;
      else {
        const out: PersonActivities[] = [];
        for (const r of rows) {
          const whole = followUps.some((f) => f.concerns(r.activities)) ? await store.personActivities(r.personId) : r.activities;
          out.push({ ...r, activities: whole, matched: byCandidate(candidates, r.matchedTimes) });
        }
        page = out;
      }
    }
    page ??= await store.pageScoring(after, PAGE, types);
    if (page.length === 0) break;
    after = page[page.length - 1]!.personId;
    for (const row of page) {
      if (until !== null && row.personId > until) {
        after = null;
        break;
      }
      if (request.include && !request.include(row.personId)) continue;
      const timelines = contexts.map((ctx) => timelineOf(ctx, row));
      const entered = timelines[0]!.journey.enteredAt;
      if (entered === null || (fromIso !== null && entered < fromIso) || (toIsoExclusive !== null && entered >= toIsoExclusive)) continue;
      for (const [f, get] of unseen) if (!isAbsent(get(row.person, row.account ?? null))) unseen.delete(f);
      const evaluations = candidates.map((c) => c.evaluation(row, base.at));
      const outcomes = candidates.map((c, i) => {
        const reached = timelines[i]!.journey.reached;
        const wonAt = reached.won ? (reached.won.at === null ? atMs : Date.parse(reached.won.at)) : null;
        const decision = wonAt ?? atMs;
        const s = evaluations[i]!.series;
        const fitMin = c.model.thresholds.mql.fit;
        const outcome: PersonOutcome = {
          won: wonAt !== null,
          wonAmount: wonAt !== null ? majorUnits(won.get(row.personId), currency, otherCurrencies) : 0,
          reachedSql: reached.sql !== undefined,
          reachedOpportunity: reached.opportunity !== undefined,
          peakFit: peakFitUntil(s, decision),
          peak: peakUntil(s, decision),
          gatedPeak: peakUntil(s, atMs, fitMin),
          gatedPeakBeforeDecision: peakUntil(s, decision, fitMin),
        };
        accumulators[i]!.add(outcome);
        return outcome;
      });
      onPerson?.({ row, timelines, evaluations, outcomes });
    }
    done += page.length;
    request.onProgress?.(done);
    if (after === null) break;
  }
  return { states: accumulators.map((a) => a.state()), unseenFields: [...unseen.keys()], otherCurrencies: [...otherCurrencies], currency };
}
