import type { ActivityType } from '../activity-type.js';
import type { Activity } from '../entities.js';
import { compileActivityFilter, compileCondition } from './compile-condition.js';
import type { ConditionIndex, Predicate } from './compile-condition.js';
import type { QualificationModel } from './qualification-model.js';
import type { ActivityTest, Rule } from './rule.js';

export type RuleSection = 'profile' | 'engagement';

/** A rule ready to score: a predicate (`once`) or the activity test whose matches it counts (`each`). */
export interface CompiledRule {
  readonly section: RuleSection;
  readonly rule: Rule;
  readonly predicate: Predicate | null;
  /** For `each`: the activity test's slot. */
  readonly slot: number;
  readonly within: number | null;
  readonly halfLifeMs: number | null;
}

/** A qualification model compiled once to closures, for scoring many people fast. */
export interface CompiledModel {
  readonly model: QualificationModel;
  readonly rules: readonly CompiledRule[];
  readonly activityTests: readonly ActivityTest[];
  readonly fieldTests: number;
  /** Per activity type: the test slots it may match, each with its `where` filter. */
  readonly byType: ReadonlyMap<ActivityType, readonly { slot: number; filter: ((a: Activity) => boolean) | null }[]>;
  /** Windows (days) of the activity tests that have one: an activity leaving one is an instant to evaluate. */
  readonly windowed: readonly { slot: number; within: number }[];
}

const DAY_MS = 86_400_000;

export function compileModel(model: QualificationModel): CompiledModel {
  const index: ConditionIndex = { activityTests: [], fieldTests: 0 };
  const rules: CompiledRule[] = [];
  const add = (section: RuleSection, rule: Rule): void => {
    if (rule.mode === 'each' && rule.when.kind === 'activity') {
      const slot = index.activityTests.push(rule.when) - 1;
      rules.push({
        section,
        rule,
        predicate: null,
        slot,
        within: rule.when.within,
        halfLifeMs: rule.halfLifeDays === null ? null : rule.halfLifeDays * DAY_MS,
      });
    } else {
      rules.push({ section, rule, predicate: compileCondition(rule.when, index), slot: -1, within: null, halfLifeMs: null });
    }
  };
  for (const r of model.profile.rules) add('profile', r);
  for (const r of model.engagement.rules) add('engagement', r);
  const byType = new Map<ActivityType, { slot: number; filter: ((a: Activity) => boolean) | null }[]>();
  index.activityTests.forEach((test, slot) => {
    const filter = test.where ? compileActivityFilter(test.where) : null;
    for (const type of test.types) byType.set(type, [...(byType.get(type) ?? []), { slot, filter }]);
  });
  const windowed = index.activityTests.flatMap((t, slot) => (t.within === null ? [] : [{ slot, within: t.within }]));
  return { model, rules, activityTests: index.activityTests, fieldTests: index.fieldTests, byType, windowed };
}

/** The activity types any rule of the model reads: the others need not be loaded to score. */
export function typesRead(cm: CompiledModel): ActivityType[] {
  return [...cm.byType.keys()];
}
