import { z } from 'zod';
import { DEFINITION_KINDS } from '../../app/ports/proposal-store.js';
import { TandemError } from '../../domain/errors.js';
import { BEARER } from '../route-context.js';
import { isoDate } from '../schemas/common.js';
import type { RouteModule } from '../route-context.js';

const KIND = z.enum(['funnel', 'qualification', 'contact-policy', 'content', 'nurture']);

const versionSchema = z.object({
  version: z.string(),
  kind: z.string(),
  modelId: z.string(),
  author: z.string().nullable(),
  createdAt: z.string(),
  active: z.boolean(),
});

/** The shared definitions: the active funnel model and every version adopted. Changes go through /api/proposals. */
export const modelRoutes: RouteModule = (app, { services, options }) => {
  app.post('/api/models/:kind/backtest', {
    config: { permission: 'propose' },
    bodyLimit: options.batchBodyLimit,
    schema: {
      tags: ['models'],
      summary: 'Backtest a candidate definition on history without proposing it',
      description:
        'funnel: everyone is replayed under the candidate and its funnel is returned beside the current one. ' +
        'qualification: `tandem model backtest` on all of history (qualified, kept and lost won deals, AUC…), beside the active model. ' +
        'contact-policy: the follow-up report (first touch within SLA, unreachable by policy, overdue, nurture) under the candidate beside the active policy.',
      security: BEARER,
      params: z.object({ kind: z.enum(DEFINITION_KINDS) }),
      body: z.object({ content: z.string().min(1).max(1_000_000) }).strict(),
      response: { 200: z.object({ version: z.string(), backtest: z.unknown() }) },
    },
    handler: async (request) => services.proposals.backtest(request.params.kind, request.body.content),
  });
  app.post('/api/models/qualification/compare', {
    config: { permission: 'propose' },
    bodyLimit: options.batchBodyLimit,
    schema: {
      tags: ['models'],
      summary: 'Two qualification models side by side on the same history, with the people who move',
      description: '`tandem model compare A B` over HTTP: each side is a model YAML, or omitted for the active model. Returns both backtests, their differences and a sample of the people who move, with the rules that fired.',
      security: BEARER,
      body: z
        .object({
          a: z.string().min(1).max(1_000_000).optional(),
          b: z.string().min(1).max(1_000_000).optional(),
          from: isoDate.optional(),
          to: isoDate.optional(),
          sample: z.coerce.number().int().min(0).max(1000).default(10),
        })
        .strict(),
    },
    handler: async (request) => {
      const q = request.body;
      return services.compareModelTexts(q.a ?? null, q.b ?? null, { from: q.from ?? null, to: q.to ?? null, at: new Date(), sample: q.sample });
    },
  });
  app.get('/api/models/funnel', {
    config: { permission: 'read' },
    schema: { tags: ['models'], summary: 'The active funnel model (stages, owners, SLAs, targets)', security: BEARER },
    handler: async () => services.funnelModel(),
  });
  app.get('/api/models/:kind/versions', {
    config: { permission: 'read' },
    schema: {
      tags: ['models'],
      summary: 'Every adopted version of a shared definition, oldest first',
      security: BEARER,
      params: z.object({ kind: KIND }),
      response: { 200: z.object({ versions: z.array(versionSchema) }) },
    },
    handler: async (request) => ({ versions: (await services.modelVersions(request.params.kind)).map(({ content, ...v }) => (void content, v)) }),
  });
  app.get('/api/models/:kind/versions/:version', {
    config: { permission: 'read' },
    schema: {
      tags: ['models'],
      summary: 'One version with its YAML',
      security: BEARER,
      params: z.object({ kind: KIND, version: z.string().max(200) }),
      response: { 200: versionSchema.extend({ content: z.string() }) },
    },
    handler: async (request) => {
      const v = (await services.modelVersions(request.params.kind)).find((m) => m.version === request.params.version);
      if (!v) throw new TandemError('NOT_FOUND', `no ${request.params.kind} version ${request.params.version}`, { place: { field: 'version' } });
      return v;
    },
  });
};
