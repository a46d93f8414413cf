import { z } from 'zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { IngestKind, IngestRequest, Indexed, ItemError } from '../../app/ingest-input.js';
import type { Services } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import {
  activityInputSchema,
  batchEnvelopeSchema,
  batchSchema,
  ingestResultSchema,
  opportunityInputSchema,
  personInputSchema,
} from '../schemas/ingest-schemas.js';

const ITEM_SCHEMAS = { persons: personInputSchema, activities: activityInputSchema, opportunities: opportunityInputSchema } as const;

/** Checks each item on its own: good ones go on, bad ones come back with their index and field. */
export function checkItems(body: Partial<Record<IngestKind, readonly unknown[]>>): { request: IngestRequest; errors: ItemError[] } {
  const errors: ItemError[] = [];
  const pick = <K extends IngestKind>(kind: K): Indexed<z.infer<(typeof ITEM_SCHEMAS)[K]>>[] => {
    const out: Indexed<z.infer<(typeof ITEM_SCHEMAS)[K]>>[] = [];
    (body[kind] ?? []).forEach((item, index) => {
      const parsed = ITEM_SCHEMAS[kind].safeParse(item);
      if (parsed.success) out.push({ index, value: parsed.data as z.infer<(typeof ITEM_SCHEMAS)[K]> });
      else for (const issue of parsed.error.issues.slice(0, 5)) errors.push({ kind, index, field: issue.path.join('.') || null, message: issue.message });
    });
    return out;
  };
  return { request: { persons: pick('persons'), activities: pick('activities'), opportunities: pick('opportunities') }, errors };
}

/** Ingests checked items and puts the schema errors beside the store's, in one list. */
export async function ingestChecked(services: Services, body: Partial<Record<IngestKind, readonly unknown[]>>) {
  const { request, errors } = checkItems(body);
  const result = await services.ingest(request);
  const rejected = [...errors, ...result.rejected].sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index);
  return { ...result, rejected };
}

const SINGLE: { kind: IngestKind; path: string; schema: z.ZodType }[] = [
  { kind: 'persons', path: '/api/ingest/persons', schema: personInputSchema },
  { kind: 'activities', path: '/api/ingest/activities', schema: activityInputSchema },
  { kind: 'opportunities', path: '/api/ingest/opportunities', schema: opportunityInputSchema },
];

/** Push persons, activities and deals: one at a time, or in batches with per-item errors. */
export const ingestRoutes: RouteModule = (app, { services, options }) => {
  const envelope = batchEnvelopeSchema(options.batchMaxItems);
  app.post('/api/ingest', {
    bodyLimit: options.batchBodyLimit,
    config: { permission: 'ingest' },
    // The documented schema names every field; validation here checks the envelope only,
    // and each item is checked on its own so good items land beside bad ones.
    validatorCompiler: (route) => validatorCompiler({ ...route, schema: route.httpPart === 'body' ? envelope : (route.schema as unknown as z.ZodType) }),
    schema: {
      tags: ['ingest'],
      summary: 'Ingest a batch of persons, opportunities and activities',
      description: `Up to ${options.batchMaxItems} items in all. Idempotent by system + externalId: sending the same batch again changes nothing. Bad items are listed in \`rejected\` with their index and field; the others land. The persons touched are replayed.`,
      security: BEARER,
      body: batchSchema(options.batchMaxItems),
      response: { 200: ingestResultSchema, 400: errorBodySchema },
    },
    handler: async (request) => ingestChecked(services, request.body as Partial<Record<IngestKind, unknown[]>>),
  });
  for (const { kind, path, schema } of SINGLE) {
    app.post(path, {
      config: { permission: 'ingest' },
      schema: {
        tags: ['ingest'],
        summary: `Ingest one ${kind.replace(/s$/, '').replace(/ie$/, 'y')}`,
        security: BEARER,
        body: schema,
        response: { 200: ingestResultSchema, 400: errorBodySchema },
      },
      handler: async (request) => {
        const result = await ingestChecked(services, { [kind]: [request.body] });
        const problem = result.rejected[0];
        if (problem) throw new TandemError('BAD_INPUT', problem.field ? `${problem.field}: ${problem.message}` : problem.message, { place: problem.field ? { field: problem.field } : {} });
        return result;
      },
    });
  }
};
