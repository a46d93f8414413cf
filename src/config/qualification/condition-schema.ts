import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../domain/activity-type.js';
import type { ActivityType } from '../../domain/activity-type.js';
import type { Condition, CountBounds, FieldTest } from '../../domain/qualification/rule.js';
import { regexProblem } from './regex-safety.js';

type Path = (string | number)[];
export interface Issue {
  readonly path: Path;
  readonly message: string;
}

/** strictObject whose unknown-key error names the allowed keys. */
function strict<T extends z.ZodRawShape>(shape: T, what: string): z.ZodObject<T, z.core.$strict> {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')} in ${what}; allowed: ${Object.keys(shape).join(', ')}`
        : undefined,
  });
}

const value = z.union([z.string(), z.number(), z.boolean()], { error: 'expected text, a number or true/false' });
const ordered = z.union([z.number(), z.string()], { error: 'expected a number or text (e.g. a date)' });

const FIELD_OPS = ['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'matches', 'exists'] as const;

const fieldTest = strict(
  {
    field: z.string().min(1, 'name a field'),
    eq: value.optional(),
    neq: value.optional(),
    in: z.array(value).min(1).optional(),
    notIn: z.array(value).min(1).optional(),
    gt: ordered.optional(),
    gte: ordered.optional(),
    lt: ordered.optional(),
    lte: ordered.optional(),
    matches: z.string().min(1).optional(),
    ignoreCase: z.boolean().optional(),
    exists: z.boolean().optional(),
  },
  'a field test',
);

const bound = z.number().int().min(0);
const countBounds = z.union([
  bound,
  strict({ gte: bound.optional(), gt: bound.optional(), lte: bound.optional(), lt: bound.optional() }, 'count'),
]);

const activityTest = strict(
  {
    activity: z.union([z.enum(ACTIVITY_TYPES), z.array(z.enum(ACTIVITY_TYPES)).min(1)], {
      error: `an activity type or a list of them; allowed: ${ACTIVITY_TYPES.join(', ')}`,
    }),
    where: z.unknown().optional(),
    within: z.number().positive('within is a number of days above 0').optional(),
    count: countBounds.optional(),
  },
  'an activity test',
);

function forward(error: z.ZodError, path: Path, issues: Issue[]): void {
  for (const i of error.issues) {
    const extra = i.code === 'unrecognized_keys' && i.keys.length === 1 ? [i.keys[0]!] : [];
    issues.push({ path: [...path, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), ...extra], message: i.message });
  }
}

function toFieldTest(f: z.output<typeof fieldTest>, path: Path, issues: Issue[]): FieldTest | null {
  const ops = FIELD_OPS.filter((op) => f[op] !== undefined);
  if (ops.length === 0) {
    issues.push({ path, message: `a field test needs an operator: one of ${FIELD_OPS.join(', ')}` });
    return null;
  }
  if (f.ignoreCase !== undefined && f.matches === undefined) issues.push({ path: [...path, 'ignoreCase'], message: 'ignoreCase applies to matches only' });
  if (f.matches !== undefined) {
    const problem = regexProblem(f.matches, f.ignoreCase ?? false);
    if (problem) {
      issues.push({ path: [...path, 'matches'], message: problem });
      return null;
    }
  }
  const { ignoreCase, matches, ...rest } = f;
  return { kind: 'field', ...rest, ...(matches !== undefined ? { matches: { pattern: matches, ignoreCase: ignoreCase ?? false } } : {}) };
}

const KINDS = ['field', 'activity', 'all', 'any', 'not'] as const;

/**
 * Reads a condition, recording problems with their paths. Dispatches on its key (field,
 * activity, all, any, not) so a mistake is reported against the kind the author meant.
 * Inside an activity test's `where`, fields are the activity's own and activity tests are refused.
 */
export function readCondition(v: unknown, path: Path, issues: Issue[], inActivity = false): Condition | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    issues.push({ path, message: `a condition is a mapping with one of: ${KINDS.join(', ')}` });
    return null;
  }
  const keys = Object.keys(v);
  const kind = KINDS.find((k) => keys.includes(k));
  const obj = v as Record<string, unknown>;
  switch (kind) {
    case undefined:
      issues.push({ path, message: `a condition needs one of: ${KINDS.join(', ')} (found ${keys.map((k) => `"${k}"`).join(', ') || 'nothing'})` });
      return null;
    case 'field': {
      const r = fieldTest.safeParse(v);
      if (!r.success) {
        forward(r.error, path, issues);
        return null;
      }
      return toFieldTest(r.data, path, issues);
    }
    case 'activity': {
      if (inActivity) {
        issues.push({ path, message: 'an activity test cannot sit inside another activity test’s where' });
        return null;
      }
      const r = activityTest.safeParse(v);
      if (!r.success) {
        forward(r.error, path, issues);
        return null;
      }
      const where = r.data.where === undefined ? null : readCondition(r.data.where, [...path, 'where'], issues, true);
      const c = r.data.count;
      const count: CountBounds | null = c === undefined ? null : typeof c === 'number' ? { gte: c } : c;
      const types: ActivityType[] = Array.isArray(r.data.activity) ? r.data.activity : [r.data.activity];
      return { kind: 'activity', types, where, within: r.data.within ?? null, count };
    }
    case 'all':
    case 'any': {
      if (keys.length > 1) issues.push({ path, message: `"${kind}" stands alone; found also ${keys.filter((k) => k !== kind).join(', ')}` });
      const list = obj[kind];
      if (!Array.isArray(list) || list.length === 0) {
        issues.push({ path: [...path, kind], message: `${kind} takes a non-empty list of conditions` });
        return null;
      }
      const of = list.map((c, i) => readCondition(c, [...path, kind, i], issues, inActivity));
      return of.every((c) => c !== null) ? { kind, of: of as Condition[] } : null;
    }
    case 'not': {
      if (keys.length > 1) issues.push({ path, message: `"not" stands alone; found also ${keys.filter((k) => k !== 'not').join(', ')}` });
      const of = readCondition(obj.not, [...path, 'not'], issues, inActivity);
      return of === null ? null : { kind: 'not', of };
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown condition kind ${String(never)}`);
    }
  }
}

/** A zod schema for a condition, so it composes with the file schema and its error places. */
export const conditionSchema = z.unknown().transform((v, ctx) => {
  const issues: Issue[] = [];
  const c = readCondition(v, [], issues);
  for (const i of issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path });
  return c ?? z.NEVER;
});
