import { z } from 'zod';
import { DEFAULT_PRECEDENCE, MERGED_PERSON_FIELDS, STATUS_FIELDS } from '../domain/precedence.js';
import type { PrecedencePolicy } from '../domain/precedence.js';

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, _ . or -');
const preferences = z.union([name, z.array(name).min(1)]).transform((v) => (typeof v === 'string' ? [v] : v));

const KINDS_AND_RECENT = ['crm', 'marketing', 'recent'];
const KNOWN_FIELDS: readonly string[] = [...MERGED_PERSON_FIELDS, ...STATUS_FIELDS];

/**
 * The `precedence` section of a funnel model. Every part is optional: entries given here
 * replace the defaults of the same name, the rest of the defaults stay.
 */
export const precedenceSchema = z
  .strictObject({
    /** The kind of each source system, by the `system:` name its mapping files use. */
    systems: z.record(name, z.enum(['crm', 'marketing'])).default({}),
    /** Field or group → who wins: crm, marketing, recent, a system name, or a list of them in order. */
    fields: z.record(name, preferences).default({}),
    /** Group → the fields it covers (person fields in camelCase, imported columns in snake_case). */
    groups: z.record(name, z.array(name).min(1)).default({}),
    /** The rule for fields nothing else names. */
    default: preferences.optional(),
  })
  .transform(
    (p): PrecedencePolicy => ({
      systems: { ...DEFAULT_PRECEDENCE.systems, ...p.systems },
      fields: { ...DEFAULT_PRECEDENCE.fields, ...p.fields },
      groups: { ...DEFAULT_PRECEDENCE.groups, ...p.groups },
      fallback: p.default ?? DEFAULT_PRECEDENCE.fallback,
    }),
  )
  .superRefine((policy, ctx) => {
    const allowed = new Set([...KINDS_AND_RECENT, ...Object.keys(policy.systems)]);
    const check = (prefs: readonly string[], path: (string | number)[]): void => {
      prefs.forEach((pref, i) => {
        if (!allowed.has(pref)) {
          ctx.addIssue({
            code: 'custom',
            path: prefs.length > 1 ? [...path, i] : path,
            message: `"${pref}" is not crm, marketing, recent or a system listed under precedence.systems (${Object.keys(policy.systems).join(', ')})`,
          });
        }
      });
    };
    for (const [field, prefs] of Object.entries(policy.fields)) {
      // camelCase names are Tandem's person fields; snake_case names are imported columns.
      if (/[A-Z]/.test(field) && !KNOWN_FIELDS.includes(field) && !(field in policy.groups)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', field],
          message: `unknown field; person fields are ${KNOWN_FIELDS.join(', ')}; groups are ${Object.keys(policy.groups).join(', ')}; imported columns are named in snake_case`,
        });
      }
      check(prefs, ['fields', field]);
    }
    check(policy.fallback, ['default']);
  });

export type PrecedenceFile = z.input<typeof precedenceSchema>;
