import type { ActivityType } from '../activity-type.js';

/** A value a rule compares with. */
export type RuleValue = string | number | boolean;

/**
 * A test on one field of the person (standard field or imported attribute), of their account
 * (`account.<name>`) or, inside an activity test's `where`, of the activity's properties.
 * Every operator given must hold.
 */
export interface FieldTest {
  readonly kind: 'field';
  readonly field: string;
  readonly eq?: RuleValue;
  readonly neq?: RuleValue;
  readonly in?: readonly RuleValue[];
  readonly notIn?: readonly RuleValue[];
  readonly gt?: number | string;
  readonly gte?: number | string;
  readonly lt?: number | string;
  readonly lte?: number | string;
  /** A regular expression already checked for catastrophic backtracking by the loader. */
  readonly matches?: { readonly pattern: string; readonly ignoreCase: boolean };
  readonly exists?: boolean;
}

/** Bounds on how many matching activities there are (inclusive unless gt/lt). */
export interface CountBounds {
  readonly gte?: number;
  readonly gt?: number;
  readonly lte?: number;
  readonly lt?: number;
}

/** A test on the person's activities: of these types, matching `where`, in the last `within` days. */
export interface ActivityTest {
  readonly kind: 'activity';
  readonly types: readonly ActivityType[];
  readonly where: Condition | null;
  /** Days before the evaluation time; null = all history up to it. */
  readonly within: number | null;
  /** Null = at least one. */
  readonly count: CountBounds | null;
}

export interface AllOf {
  readonly kind: 'all';
  readonly of: readonly Condition[];
}
export interface AnyOf {
  readonly kind: 'any';
  readonly of: readonly Condition[];
}
export interface Not {
  readonly kind: 'not';
  readonly of: Condition;
}

export type Condition = FieldTest | ActivityTest | AllOf | AnyOf | Not;

/**
 * A scoring rule. `once`: the points count when the condition holds. `each`: the points count
 * per matching activity (an engagement rule whose condition is a single activity test without
 * count bounds), each decayed by its age when `halfLifeDays` is set, the sum capped by `max`.
 */
export interface Rule {
  readonly name: string;
  readonly when: Condition;
  readonly points: number;
  readonly mode: 'once' | 'each';
  readonly max: number | null;
  readonly halfLifeDays: number | null;
}
