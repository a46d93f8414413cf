import { IANAZone } from 'luxon';
import { z } from 'zod';
import { STAGES } from '../domain/stage.js';
import { ENCODINGS } from './detect-encoding.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A target field fed by a column (optionally mapped and formatted) or by a constant. */
export const fieldSpecSchema = z.union([
  z.string().min(1),
  z.strictObject({
    column: z.string().min(1).optional(),
    /** Several columns joined with a space (e.g. first and last name). */
    columns: z.array(z.string().min(1)).optional(),
    /** The first of these columns that has a value (alternative exports, or header names that changed over time). */
    firstOf: z.array(z.string().min(1)).min(1).optional(),
    /** The row number (as a spreadsheet shows it): an id for files that have none. */
    rowNumber: z.literal(true).optional(),
    constant: scalar.optional(),
    /** Source value → target value; matching ignores case and surrounding spaces. */
    map: z.record(z.string(), scalar).optional(),
    /** What a value absent from `map` becomes (default: kept as is). */
    otherwise: scalar.optional(),
    /** Date formats (Luxon tokens) tried before ISO-8601, for this field only. */
    formats: z.array(z.string()).optional(),
    required: z.boolean().optional(),
  }).refine(
    (s) => [s.column, s.columns, s.firstOf, s.constant, s.rowNumber].filter((x) => x !== undefined).length === 1,
    'give exactly one of column, columns, firstOf, constant or rowNumber',
  ),
]);
export type FieldSpec = z.output<typeof fieldSpecSchema>;

export const ENTITIES = ['persons', 'activities', 'opportunities', 'accounts', 'campaigns'] as const;
export type Entity = (typeof ENTITIES)[number];

export const ENTITY_FIELDS = {
  persons: [
    'externalId', 'email', 'firstName', 'lastName', 'fullName', 'company', 'domain', 'owner', 'source', 'country',
    'industry', 'title', 'createdAt', 'doNotCall', 'doNotEmail', 'stage', 'stageAt', 'won', 'wonAt', 'lost', 'amount',
    'currency', 'updatedAt',
  ],
  activities: [
    'externalId', 'personExternalId', 'personEmail', 'type', 'occurredAt', 'actor', 'stage', 'url', 'contentId',
    'campaign', 'channel', 'subject', 'outcome',
  ],
  opportunities: [
    'externalId', 'personExternalId', 'personEmail', 'accountDomain', 'accountName', 'name', 'amount', 'currency',
    'stage', 'status', 'won', 'createdAt', 'closedAt', 'owner',
  ],
  accounts: ['domain', 'name', 'industry', 'employees', 'country'],
  campaigns: ['externalId', 'name', 'channel', 'team', 'cost', 'currency', 'startedAt', 'endedAt'],
} as const satisfies Record<Entity, readonly string[]>;

/** The YAML shape of a mapping file: which entity a CSV holds and which column feeds each field. */
export const mappingSchema = z
  .strictObject({
    entity: z.enum(ENTITIES),
    /** The source system (identity namespace): ids are unique within a system. */
    system: z.string().min(1),
    description: z.string().optional(),
    /** For presets: a file is read with this mapping when its header has all these columns. */
    match: z.strictObject({ headers: z.array(z.string()).min(1) }).optional(),
    delimiter: z.enum([',', ';', '\t', '|', 'auto']).default('auto'),
    /** The file's encoding; when absent it is detected (UTF-8, UTF-16 with a BOM, else Windows-1252/Latin-1). */
    encoding: z.enum(ENCODINGS).optional(),
    /** Date formats (Luxon tokens) tried in order before ISO-8601. */
    dateFormats: z.array(z.string()).default([]),
    /** IANA zone for dates without an offset. */
    timezone: z.string().default('UTC').refine((z) => IANAZone.isValidZone(z), 'not a time zone: use an IANA name such as Europe/Paris, America/New_York or UTC'),
    /** Cell values that mean "no value" (e.g. X Education's `Select`). */
    blank: z.array(z.string()).default([]),
    /** The system the person references of this file point into (default: this file's system). */
    personSystem: z.string().optional(),
    fields: z.record(z.string(), fieldSpecSchema),
    /**
     * Persons only: the column holding the date each stage was first reached (e.g. HubSpot's
     * `Became a Marketing Qualified Lead Date`); each date becomes a stage change.
     */
    stageDates: z.record(z.string(), z.string().min(1)).optional(),
    /** Warn when the file lacks a column a field names (off for files whose columns are all optional). */
    warnMissingColumns: z.boolean().default(true),
    /** Columns not kept as attributes. */
    ignore: z.array(z.string()).default([]),
  })
  .superRefine((m, ctx) => {
    for (const stage of Object.keys(m.stageDates ?? {})) {
      if (m.entity !== 'persons') ctx.addIssue({ code: 'custom', path: ['stageDates'], message: 'stageDates applies to persons only' });
      else if (!(STAGES as readonly string[]).includes(stage)) {
        ctx.addIssue({ code: 'custom', path: ['stageDates', stage], message: `not a funnel stage; use one of ${STAGES.join(', ')}` });
      }
    }
    const allowed: readonly string[] = ENTITY_FIELDS[m.entity];
    for (const key of Object.keys(m.fields)) {
      if (!allowed.includes(key)) {
        ctx.addIssue({ code: 'custom', path: ['fields', key], message: `unknown field for ${m.entity}; allowed: ${allowed.join(', ')}` });
      }
    }
  });

export type Mapping = z.output<typeof mappingSchema>;
