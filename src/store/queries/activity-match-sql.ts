import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ActivityTest, Condition, RuleValue } from '../../domain/qualification/rule.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';

type Bool = RawBuilder<boolean>;

/** An activity's own field (a column) or one of its properties (a JSON key), as text. */
function valueOf(field: string, helpers: DialectHelpers): RawBuilder<string | null> {
  if (field === 'actor' || field === 'stage' || field === 'source') return sql<string | null>`${sql.ref(`a.${field}`)}`;
  return helpers.jsonText('a.properties', field);
}

const ASCII = /^[\x20-\x7e]*$/;
const NUMBER_OR_BOOLEAN = /^\s*([-+]?[0-9.]+([eE][-+]?[0-9]+)?|true|false|yes|no|y|n)\s*$/i;

/**
 * Text equality as the TypeScript evaluator does it (trimmed, case-insensitive). Only for
 * ASCII rule text, where SQL lower() agrees, and not for text that reads as a number or a
 * yes/no (JSON numbers and booleans print differently in each database).
 */
function textEquals(v: RawBuilder<string | null>, rule: RuleValue): Bool | null {
  if (typeof rule !== 'string' || !ASCII.test(rule) || NUMBER_OR_BOOLEAN.test(rule)) return null;
  return sql<boolean>`lower(trim(${v})) = ${rule.trim().toLowerCase()}`;
}

const present = (v: RawBuilder<string | null>): Bool => sql<boolean>`(${v} is not null and trim(${v}) <> '')`;

/**
 * Compiles a `where` condition over one activity to SQL, or null when it uses something the
 * SQL would not evaluate exactly as the TypeScript evaluator does (numbers, booleans, regular
 * expressions, non-ASCII text): the caller then falls back to reading the activities.
 */
export function activityConditionSql(cond: Condition, helpers: DialectHelpers): Bool | null {
  switch (cond.kind) {
    case 'field': {
      const v = valueOf(cond.field, helpers);
      const parts: Bool[] = [];
      for (const op of ['gt', 'gte', 'lt', 'lte', 'matches'] as const) if (cond[op] !== undefined) return null;
      if (cond.exists !== undefined) parts.push(cond.exists ? present(v) : sql<boolean>`not ${present(v)}`);
      const eqs = (values: readonly RuleValue[]): Bool | null => {
        const each = values.map((r) => textEquals(v, r));
        if (each.some((e) => e === null)) return null;
        return sql<boolean>`(${present(v)} and (${sql.join(each as Bool[], sql` or `)}))`;
      };
      for (const [values, negate] of [
        [cond.eq === undefined ? undefined : [cond.eq], false],
        [cond.in, false],
        [cond.neq === undefined ? undefined : [cond.neq], true],
        [cond.notIn, true],
      ] as const) {
        if (values === undefined) continue;
        const e = eqs(values);
        if (e === null) return null;
        parts.push(negate ? sql<boolean>`not ${e}` : e);
      }
      return parts.length === 0 ? null : sql<boolean>`(${sql.join(parts, sql` and `)})`;
    }
    case 'all':
    case 'any': {
      const parts = cond.of.map((c) => activityConditionSql(c, helpers));
      if (parts.some((p) => p === null)) return null;
      return sql<boolean>`(${sql.join(parts as Bool[], cond.kind === 'all' ? sql` and ` : sql` or `)})`;
    }
    case 'not': {
      const part = activityConditionSql(cond.of, helpers);
      return part === null ? null : sql<boolean>`not ${part}`;
    }
    case 'activity':
      return null;
    default: {
      const never: never = cond;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}

/** Whether an activity row `a` matches an activity test (type and `where`), or null when not compilable. */
export function activityTestSql(test: ActivityTest, helpers: DialectHelpers): Bool | null {
  const types = sql<boolean>`a.type in (${sql.join(test.types.map((t) => sql.lit(t)))})`;
  if (test.where === null) return types;
  const where = activityConditionSql(test.where, helpers);
  return where === null ? null : sql<boolean>`(${types} and ${where})`;
}
