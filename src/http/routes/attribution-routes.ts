import { z } from 'zod';
import { ATTRIBUTION_KEYS } from '../../domain/attribute-opportunity.js';
import { ATTRIBUTION_MODELS } from '../../domain/attribution-model.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented, isoDate } from '../schemas/common.js';
import { at, atDate, flag } from '../schemas/report-params.js';

const errors = { 400: errorBodySchema, 401: errorBodySchema };
const days = z.coerce.number({ error: 'a number of days' }).finite().min(0, 'a number of days, 0 or more').max(36_500);

/** Credit for pipeline and revenue (attribution) and who touched people before each move (influence). */
export const attributionRoutes: RouteModule = (app, { services }) => {
  app.get('/api/reports/attribution', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'Credit for pipeline and revenue per team, channel or campaign under an attribution model',
      description:
        'As `tandem report attribution --format json`. `model=all` (or `compareModels=true`) puts every model side by side, ' +
        'with how much the answer depends on the model (the JSON of `--compare-models`).',
      security: BEARER,
      querystring: z.object({
        model: z.enum([...ATTRIBUTION_MODELS, 'all']).default('w-shaped').describe('an attribution model, or all of them'),
        compareModels: flag.describe('every model side by side (as model=all)'),
        by: z.enum(ATTRIBUTION_KEYS).default('channel').describe('what to credit'),
        from: isoDate.optional().describe('deals won (revenue) or created (pipeline) on or after this date'),
        to: isoDate.optional().describe('deals won or created on or before this date'),
        currency: z.string().regex(/^[A-Za-z]{3}$/, 'a 3-letter ISO 4217 code').optional().describe("report deals in this currency (default: the only one, else the funnel model's)"),
        halfLife: days.optional().describe("time-decay half-life in days (default: the funnel model's)"),
        cohort: flag.describe('place deals by when their person entered the funnel, not by creation and close'),
        at,
      }),
      response: { 200: documented('AttributionReport, or AttributionComparison when every model is asked for'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      const common = {
        by: q.by,
        from: q.from ?? null,
        to: q.to ?? null,
        currency: q.currency ?? null,
        halfLifeDays: q.halfLife ?? null,
        basis: q.cohort ? ('cohort' as const) : ('close' as const),
        at: atDate(q.at),
      };
      if (q.model === 'all' || q.compareModels) return services.compareAttributionModels({ ...common, models: ATTRIBUTION_MODELS });
      return services.attributionReport({ ...common, model: q.model });
    },
  });

  app.get('/api/reports/influence', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'Stage influence: which teams, channels or campaigns touched the people who moved, before each transition',
      description: 'As `tandem report influence --format json` (every row; `--top` only shortens the CLI tables).',
      security: BEARER,
      querystring: z.object({
        by: z.enum(ATTRIBUTION_KEYS).default('channel').describe('what to count'),
        from: isoDate.optional().describe('moves on or after this date'),
        to: isoDate.optional().describe('moves on or before this date'),
        window: days.optional().describe("touches this many days before a move count (default: the funnel model's)"),
      }),
      response: { 200: documented('InfluenceReport: per transition, the touches before it'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.stageInfluence({ by: q.by, from: q.from ?? null, to: q.to ?? null, windowDays: q.window ?? null });
    },
  });
};
