import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain/activity-type.js';
import { isTemplateField, placeholders, TEMPLATE_FIELDS } from '../domain/message-template.js';
import { STAGES } from '../domain/stage.js';

const step = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  subject: z.string().min(1).optional(),
  body: z.string().min(1).optional(),
  /** A content catalogue piece: its title and link make the message (subject and body, if given, are kept). */
  content: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'a content piece id').optional(),
  wait: z.strictObject({ days: z.number().min(0) }).default({ days: 0 }),
});

const reengage = z.union([
  z.strictObject({ activity: z.enum(ACTIVITY_TYPES) }),
  z.strictObject({ scoreRise: z.number().positive() }),
]);

/** The YAML shape of a nurture program file. */
export const nurtureProgramSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1),
    enroll: z.strictObject({ stage: z.enum(STAGES).default('unreachable') }).default({ stage: 'unreachable' }),
    startAfter: z.strictObject({ days: z.number().min(0) }).default({ days: 0 }),
    steps: z.array(step).min(1),
    reengage: z.array(reengage).default([]),
    score: z.partialRecord(z.enum(ACTIVITY_TYPES), z.number()).default({}),
    exit: z.array(z.strictObject({ activity: z.enum(ACTIVITY_TYPES) })).default([]),
    handBack: z.strictObject({ to: z.enum(STAGES).default('sal') }).default({ to: 'sal' }),
  })
  .superRefine((p, ctx) => {
    p.steps.forEach((s, i) => {
      if (p.steps.findIndex((o) => o.id === s.id) !== i) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step "${s.id}" appears twice` });
      if (s.content === undefined && (s.subject === undefined || s.body === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i], message: 'needs a subject and a body, or content: a piece of the content catalogue' });
      }
      for (const field of ['subject', 'body'] as const) {
        for (const ph of placeholders(s[field] ?? '')) {
          if (isTemplateField(ph.name)) continue;
          const line = (s[field] ?? '').slice(0, ph.index).split('\n').length;
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, field],
            message: `unknown field ${ph.text}${field === 'body' ? ` on line ${line} of the body` : ''}; the fields are ${TEMPLATE_FIELDS.join(', ')}`,
          });
        }
      }
    });
    if (p.handBack.to === p.enroll.stage) ctx.addIssue({ code: 'custom', path: ['handBack', 'to'], message: 'must differ from the enrollment stage' });
    if (p.reengage.some((r) => 'scoreRise' in r) && Object.keys(p.score).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'a scoreRise rule needs points per activity type here' });
    }
  });

export type NurtureProgramFile = z.output<typeof nurtureProgramSchema>;
