import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain/activity-type.js';
import { MAIN_STAGES, STAGE_KINDS, STAGES, TEAMS } from '../domain/stage.js';
import { sourcingSchema } from './sourcing-schema.js';
import { precedenceSchema } from './precedence-schema.js';

const responsibility = z.strictObject({
  raci: z.enum(['R', 'A', 'C', 'I', 'RA']),
  tasks: z.array(z.string()).default([]),
});

const entryTrigger = z.strictObject({
  activity: z.enum(ACTIVITY_TYPES),
  stage: z.enum(STAGES).optional(),
});

const sla = z.union([
  z.strictObject({ hours: z.number().positive() }),
  z.strictObject({ days: z.number().positive() }),
]);

const stage = z.strictObject({
  id: z.enum(STAGES),
  label: z.string().min(1),
  labels: z.record(z.string(), z.string()).default({}),
  kind: z.enum(STAGE_KINDS),
  owner: z.enum(TEAMS),
  responsibilities: z.partialRecord(z.enum(TEAMS), responsibility).default({}),
  entry: z.array(entryTrigger).default([]),
  sla: sla.optional(),
  targetConversion: z.number().min(0).max(1).optional(),
  capacityPerOwnerWeek: z.number().positive().optional(),
});

/** The YAML shape of a funnel model file. */
export const funnelModelSchema = z
  .strictObject({
    id: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code').default('USD'),
    stages: z.array(stage),
    // Optional sections other features read: attribution (sourcing), reconciliation (precedence).
    sourcing: sourcingSchema.optional(),
    /** Which system wins each field when both supply it (reconciliation); defaults when absent. */
    precedence: precedenceSchema.optional(),
  })
  .superRefine((model, ctx) => {
    const ids = model.stages.map((s) => s.id);
    for (const required of MAIN_STAGES) {
      if (!ids.includes(required)) {
        ctx.addIssue({ code: 'custom', path: ['stages'], message: `main stage "${required}" is missing` });
      }
    }
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `stage "${id}" appears twice` });
    });
  });

export type FunnelModelFile = z.output<typeof funnelModelSchema>;
