import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain/activity-type.js';
import { POLICY_CHANNELS } from '../domain/contact-policy.js';
import { STAGES } from '../domain/stage.js';

const duration = z.union([
  z.strictObject({ hours: z.number().positive() }),
  z.strictObject({ days: z.number().positive() }),
]);

const span = z.union([z.strictObject({ days: z.number().min(0) }), z.strictObject({ weeks: z.number().min(0) })]);

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:00');

const businessHours = z.strictObject({
  timezone: z.string().min(1),
  days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
  from: clock.default('09:00'),
  to: clock.default('17:00'),
});

const channel = z.strictObject({
  attempts: z.number().int().min(0),
  count: z.array(z.enum(ACTIVITY_TYPES)).min(1),
  connected: z.array(z.enum(ACTIVITY_TYPES)).default([]),
  sources: z.array(z.string().min(1)).min(1).optional(),
});

/** The YAML shape of a contact policy file. */
export const contactPolicySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().optional(),
    startStage: z.enum(STAGES).default('sal'),
    firstTouch: z.strictObject({ within: duration, businessHours: businessHours.optional() }),
    channels: z.partialRecord(z.enum(POLICY_CHANNELS), channel),
    connected: z.array(z.enum(ACTIVITY_TYPES)).default([]),
    minimumSpan: span,
    cadence: z.array(z.strictObject({ day: z.number().int().min(0), channel: z.enum(POLICY_CHANNELS) })).optional(),
    exhausted: z.enum(STAGES).default('unreachable'),
    automatedAttempts: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const bh = p.firstTouch.businessHours;
    if (bh && bh.from >= bh.to) ctx.addIssue({ code: 'custom', path: ['firstTouch', 'businessHours', 'to'], message: `must be after from (${bh.from})` });
    if (p.exhausted === p.startStage) ctx.addIssue({ code: 'custom', path: ['exhausted'], message: 'must differ from startStage' });
    const entries = Object.entries(p.channels);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', path: ['channels'], message: 'name at least one channel (call, email)' });
    const counted = new Map<string, string>();
    for (const [name, rule] of entries) {
      for (const type of rule!.count) {
        const other = counted.get(type);
        if (other) ctx.addIssue({ code: 'custom', path: ['channels', name, 'count'], message: `${type} already counts on ${other}` });
        counted.set(type, name);
      }
    }
    if (p.cadence) {
      for (const [name, rule] of entries) {
        const steps = p.cadence.filter((s) => s.channel === name).length;
        if (steps !== rule!.attempts) {
          ctx.addIssue({ code: 'custom', path: ['cadence'], message: `plans ${steps} ${name} step(s) but channels.${name}.attempts is ${rule!.attempts}` });
        }
      }
      p.cadence.forEach((s, i) => {
        if (!p.channels[s.channel]) ctx.addIssue({ code: 'custom', path: ['cadence', i, 'channel'], message: `${s.channel} is not one of the policy's channels` });
      });
    }
  });

export type ContactPolicyFile = z.output<typeof contactPolicySchema>;
export type BusinessHoursFile = z.output<typeof businessHours>;
