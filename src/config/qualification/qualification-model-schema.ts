import { z } from 'zod';
import type { Condition } from '../../domain/qualification/rule.js';
import { conditionSchema } from './condition-schema.js';

const rule = z.strictObject(
  {
    name: z.string().min(1, 'give the rule a name'),
    when: conditionSchema,
    points: z.number({ error: 'points is a number (negative allowed)' }),
    max: z.number().positive('max caps the rule’s points: a number above 0').optional(),
    halfLifeDays: z.number().positive('halfLifeDays is a number of days above 0').optional(),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? `unknown key ${iss.keys.map((k) => `"${k}"`).join(', ')} in a rule; allowed: name, when, points, max, halfLifeDays` : undefined) },
);

/** An engagement rule counts each matching activity when its condition is one activity test without count bounds. */
export function countsEach(when: Condition): boolean {
  return when.kind === 'activity' && when.count === null;
}

const grades = z
  .strictObject({ A: z.number(), B: z.number(), C: z.number() })
  .refine((g) => g.A >= g.B && g.B >= g.C, { message: 'grade cut-offs must not increase from A to C (A ≥ B ≥ C)' });

/** The YAML shape of a qualification model (buyer profile + engagement + thresholds). */
export const qualificationModelSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, 'an id of letters, digits, dot, dash or underscore'),
    description: z.string().optional(),
    profile: z.strictObject({
      rules: z.array(rule).default([]),
      grades: grades.default({ A: 60, B: 40, C: 20 }),
    }),
    engagement: z.strictObject({ rules: z.array(rule).default([]) }).default({ rules: [] }),
    thresholds: z
      .strictObject({ mql: z.strictObject({ fit: z.number(), total: z.number() }) })
      .optional(),
  })
  .superRefine((m, ctx) => {
    m.profile.rules.forEach((r, i) => {
      for (const key of ['max', 'halfLifeDays'] as const) {
        if (r[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['profile', 'rules', i, key], message: `${key} applies to engagement rules only (fit does not decay)` });
        }
      }
    });
    m.engagement.rules.forEach((r, i) => {
      for (const key of ['max', 'halfLifeDays'] as const) {
        if (r[key] !== undefined && !countsEach(r.when)) {
          ctx.addIssue({
            code: 'custom',
            path: ['engagement', 'rules', i, key],
            message: `${key} applies to a rule that counts each activity: when must be one activity test without count`,
          });
        }
      }
      if (r.halfLifeDays !== undefined && r.points < 0) {
        ctx.addIssue({ code: 'custom', path: ['engagement', 'rules', i, 'halfLifeDays'], message: 'decay applies to positive points only' });
      }
    });
    const names = [...m.profile.rules, ...m.engagement.rules].map((r) => r.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) {
        const inProfile = i < m.profile.rules.length;
        const path = inProfile ? ['profile', 'rules', i, 'name'] : ['engagement', 'rules', i - m.profile.rules.length, 'name'];
        ctx.addIssue({ code: 'custom', path, message: `rule name "${n}" is used twice; names say which rule fired, so they must differ` });
      }
    });
  });

export type QualificationModelFile = z.output<typeof qualificationModelSchema>;
