import type { Activity, Person } from '../entities.js';
import type { EvalEnv } from './compile-condition.js';
import { windowRange } from './compile-condition.js';
import type { CompiledModel, CompiledRule, RuleSection } from './compiled-model.js';
import type { AccountFacts } from './field-value.js';
import { gradeOf } from './qualification-model.js';
import type { Grade } from './qualification-model.js';

/** One person's data as scoring reads it. */
export interface ScoringInput {
  readonly person: Person;
  readonly account?: AccountFacts | null;
  readonly activities: readonly Activity[];
  /** When `activities` holds only some types: the first time the person was seen at all. */
  readonly firstSeenAt?: string | null;
  /** Matching times per activity test, already found by the store (ascending): activities are then not matched again. */
  readonly matchedTimes?: readonly (readonly number[])[];
}

/** A person prepared for scoring: matching activity times per test, and when they entered. */
export interface Prepared {
  readonly env: EvalEnv;
  /** The first time anything is known of the person (created or first activity), ms; null if never. */
  readonly entryMs: number | null;
}

export function prepare(cm: CompiledModel, input: ScoringInput): Prepared {
  const times: number[][] = cm.activityTests.map(() => []);
  // ISO-8601 UTC text orders like time: find the earliest without parsing every date.
  let first = input.firstSeenAt ?? input.person.createdAt ?? null;
  for (const a of input.activities) {
    if (first === null || a.occurredAt < first) first = a.occurredAt;
    if (input.matchedTimes !== undefined) continue;
    const slots = cm.byType.get(a.type);
    if (slots === undefined) continue;
    let ms = -1;
    for (const s of slots) {
      if (s.filter !== null && !s.filter(a)) continue;
      if (ms < 0) ms = Date.parse(a.occurredAt);
      times[s.slot]!.push(ms);
    }
  }
  if (input.matchedTimes !== undefined) input.matchedTimes.forEach((m, i) => {
    for (const t of m) times[i]!.push(t);
  });
  const entryMs = first === null ? null : Date.parse(first);
  for (const t of times) if (!isSorted(t)) t.sort((x, y) => x - y);
  const memo = new Int8Array(cm.fieldTests).fill(-1);
  return {
    env: { person: input.person, account: input.account ?? null, times, memo, t: 0 },
    entryMs: entryMs !== null && Number.isFinite(entryMs) ? entryMs : null,
  };
}

function isSorted(a: readonly number[]): boolean {
  for (let i = 1; i < a.length; i++) if (a[i - 1]! > a[i]!) return false;
  return true;
}

/** Points a rule gives at instant t (env.t must be t). */
export function rulePoints(r: CompiledRule, env: EvalEnv): number {
  if (r.predicate !== null) return r.predicate(env) ? r.rule.points : 0;
  const times = env.times[r.slot]!;
  const [from, to] = windowRange(times, r.within, env.t);
  let sum = 0;
  if (r.halfLifeMs === null) sum = (to - from) * r.rule.points;
  else for (let i = from; i < to; i++) sum += r.rule.points * Math.pow(0.5, (env.t - times[i]!) / r.halfLifeMs);
  const max = r.rule.max;
  if (max === null) return sum;
  return sum > max ? max : sum < -max ? -max : sum;
}

export interface RuleHit {
  readonly section: RuleSection;
  readonly name: string;
  readonly points: number;
}

export interface ScoreAt {
  readonly at: number;
  readonly fit: number;
  readonly engagement: number;
  readonly total: number;
  readonly grade: Grade;
  readonly qualified: boolean;
  /** The rules that gave points (non-zero), in file order. */
  readonly hits: readonly RuleHit[];
}

/** The full score at one instant, with every rule that counted: what `person explain` shows. */
export function scoreAt(cm: CompiledModel, p: Prepared, t: number): ScoreAt {
  p.env.t = t;
  let fit = 0;
  let engagement = 0;
  const hits: RuleHit[] = [];
  for (const r of cm.rules) {
    const points = rulePoints(r, p.env);
    if (points === 0) continue;
    if (r.section === 'profile') fit += points;
    else engagement += points;
    hits.push({ section: r.section, name: r.rule.name, points });
  }
  const mql = cm.model.thresholds.mql;
  const total = fit + engagement;
  return { at: t, fit, engagement, total, grade: gradeOf(fit, cm.model.profile.grades), qualified: fit >= mql.fit && total >= mql.total, hits };
}
