import type { Activity, AttributeValue, Person } from '../entities.js';
import type { AccountFacts } from './field-value.js';
import { fieldGetter } from './field-value.js';
import { compileFieldTest } from './field-test.js';
import type { ActivityTest, Condition, CountBounds } from './rule.js';

const DAY_MS = 86_400_000;

/** What a condition is evaluated against: one person at one instant. */
export interface EvalEnv {
  readonly person: Person;
  readonly account: AccountFacts | null;
  /** Per activity test of the model: the times (ms) of the matching activities, ascending. */
  readonly times: readonly (readonly number[])[];
  /** Per field test: 1 true, 0 false, -1 not yet known (fields do not change over time). */
  readonly memo: Int8Array;
  /** The evaluation instant (ms). */
  t: number;
}

export type Predicate = (env: EvalEnv) => boolean;

/** First index whose value is ≥ x (times ascending). */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
export function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index range [from, to) of activity times inside the test's window ending at t. */
export function windowRange(times: readonly number[], withinDays: number | null, t: number): [number, number] {
  const to = upperBound(times, t);
  const from = withinDays === null ? 0 : lowerBound(times, t - withinDays * DAY_MS);
  return [from, to];
}

export function countOk(n: number, c: CountBounds | null): boolean {
  if (c === null) return n >= 1;
  return (c.gte === undefined || n >= c.gte) && (c.gt === undefined || n > c.gt) && (c.lte === undefined || n <= c.lte) && (c.lt === undefined || n < c.lt);
}

/** Activity fields a `where` can name besides the activity's properties. */
function activityValue(a: Activity, field: string): AttributeValue | undefined {
  switch (field) {
    case 'actor':
      return a.actor;
    case 'stage':
      return a.stage;
    case 'source':
      return a.source;
    default:
      return a.properties[field];
  }
}

/** Compiles a `where` condition over one activity's fields. */
export function compileActivityFilter(cond: Condition): (a: Activity) => boolean {
  switch (cond.kind) {
    case 'field': {
      const test = compileFieldTest(cond);
      return (a) => test(activityValue(a, cond.field));
    }
    case 'all': {
      const parts = cond.of.map(compileActivityFilter);
      return (a) => parts.every((p) => p(a));
    }
    case 'any': {
      const parts = cond.of.map(compileActivityFilter);
      return (a) => parts.some((p) => p(a));
    }
    case 'not': {
      const part = compileActivityFilter(cond.of);
      return (a) => !part(a);
    }
    case 'activity':
      throw new Error('an activity test cannot sit inside another activity test');
    default: {
      const never: never = cond;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}

/** Collects the model's activity tests and field tests so each gets an index. */
export interface ConditionIndex {
  readonly activityTests: ActivityTest[];
  fieldTests: number;
}

/** Compiles a condition over a person at an instant; registers its tests in `index`. */
export function compileCondition(cond: Condition, index: ConditionIndex): Predicate {
  switch (cond.kind) {
    case 'field': {
      const slot = index.fieldTests++;
      const get = fieldGetter(cond.field);
      const test = compileFieldTest(cond);
      return (env) => {
        const m = env.memo[slot]!;
        if (m >= 0) return m === 1;
        const r = test(get(env.person, env.account));
        env.memo[slot] = r ? 1 : 0;
        return r;
      };
    }
    case 'activity': {
      const slot = index.activityTests.push(cond) - 1;
      return (env) => {
        const [from, to] = windowRange(env.times[slot]!, cond.within, env.t);
        return countOk(to - from, cond.count);
      };
    }
    case 'all': {
      const parts = cond.of.map((c) => compileCondition(c, index));
      return (env) => parts.every((p) => p(env));
    }
    case 'any': {
      const parts = cond.of.map((c) => compileCondition(c, index));
      return (env) => parts.some((p) => p(env));
    }
    case 'not': {
      const part = compileCondition(cond.of, index);
      return (env) => !part(env);
    }
    default: {
      const never: never = cond;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}
