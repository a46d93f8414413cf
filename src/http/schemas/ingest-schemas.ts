import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../domain/activity-type.js';
import { STAGES } from '../../domain/stage.js';
import type { ActivityInput, OpportunityInput, PersonInput } from '../../app/ingest-input.js';
import { attributes, isoDateTime, text } from './common.js';

const system = text(100).describe('the source system, e.g. hubspot or salesforce: with externalId, what makes a record idempotent');

export const personRefSchema = z
  .object({
    externalId: text(200).optional(),
    system: text(100).optional().describe("the system the externalId belongs to (default: the record's own)"),
    email: z.string().trim().max(320).optional(),
  })
  .strict()
  .meta({ id: 'PersonRef' });

export const personInputSchema = z
  .object({
    system,
    externalId: text(200).optional(),
    email: z.string().trim().max(320).optional(),
    firstName: text(200).optional(),
    lastName: text(200).optional(),
    company: text(300).optional(),
    accountDomain: text(253).optional(),
    owner: text(200).optional(),
    leadSource: text(200).optional(),
    country: text(100).optional(),
    industry: text(200).optional(),
    title: text(300).optional(),
    createdAt: isoDateTime.optional(),
    stage: z.enum(STAGES).optional(),
    stageAt: isoDateTime.optional(),
    doNotCall: z.boolean().optional(),
    doNotEmail: z.boolean().optional(),
    attributes: attributes.optional(),
  })
  .strict()
  .meta({ id: 'PersonInput' }) satisfies z.ZodType<PersonInput>;

export const activityInputSchema = z
  .object({
    system,
    externalId: text(200),
    person: personRefSchema,
    type: z.enum(ACTIVITY_TYPES),
    occurredAt: isoDateTime,
    actor: text(200).optional(),
    stage: z.enum(STAGES).optional().describe('for stage_change: the stage set'),
    properties: attributes.optional(),
  })
  .strict()
  .meta({ id: 'ActivityInput' }) satisfies z.ZodType<ActivityInput>;

export const opportunityInputSchema = z
  .object({
    system,
    externalId: text(200),
    person: personRefSchema.optional(),
    accountDomain: text(253).optional(),
    accountName: text(300).optional(),
    name: text(300).optional(),
    amount: z.number().finite().min(0).max(1e13).optional().describe('major units (dollars, not cents)'),
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'a 3-letter ISO 4217 code').optional(),
    stage: text(100).optional(),
    status: z.enum(['open', 'won', 'lost']),
    owner: text(200).optional(),
    createdAt: isoDateTime.optional(),
    closedAt: isoDateTime.optional(),
    attributes: attributes.optional(),
  })
  .strict()
  .meta({ id: 'OpportunityInput' }) satisfies z.ZodType<OpportunityInput>;

export const itemErrorSchema = z
  .object({
    kind: z.enum(['persons', 'activities', 'opportunities']),
    index: z.number().int().describe('position of the item in its array (0-based)'),
    field: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'ItemError' });

export const ingestResultSchema = z
  .object({
    accepted: z.object({ persons: z.number(), activities: z.number(), opportunities: z.number() }),
    rejected: z.array(itemErrorSchema),
    activitiesInserted: z.number().describe('new activities (0 when the same items are sent again)'),
    personsReplayed: z.number(),
  })
  .meta({ id: 'IngestResult' });

export const batchSchema = (maxItems: number) =>
  z
    .object({
      persons: z.array(personInputSchema).max(maxItems).optional(),
      opportunities: z.array(opportunityInputSchema).max(maxItems).optional(),
      activities: z.array(activityInputSchema).max(maxItems).optional(),
    })
    .strict()
    .meta({ id: 'IngestBatch' });

/** The batch envelope alone: items are checked one by one, so one bad item does not sink the rest. */
export const batchEnvelopeSchema = (maxItems: number) =>
  z
    .object({
      persons: z.array(z.record(z.string(), z.unknown())).max(maxItems).optional(),
      opportunities: z.array(z.record(z.string(), z.unknown())).max(maxItems).optional(),
      activities: z.array(z.record(z.string(), z.unknown())).max(maxItems).optional(),
    })
    .strict()
    .refine((b) => (b.persons?.length ?? 0) + (b.opportunities?.length ?? 0) + (b.activities?.length ?? 0) <= maxItems, {
      message: `at most ${maxItems} items in one batch; split it`,
    });
