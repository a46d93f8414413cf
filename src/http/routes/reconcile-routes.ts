import { z } from 'zod';
import { PERIOD_GRAINS } from '../../domain/period-grain.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented, isoDate } from '../schemas/common.js';

/** Where the marketing-automation system and the CRM disagree, why, and which value Tandem uses. */
export const reconcileRoutes: RouteModule = (app, { services }) => {
  app.get('/api/reconcile', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'Where the systems disagree: identity, field conflicts and counts per period',
      description: 'As `tandem reconcile --format json` (every row; `--limit` only shortens the CLI tables). Source precedence comes from the funnel model.',
      security: BEARER,
      querystring: z.object({
        period: z.enum(PERIOD_GRAINS).default('quarter').describe('periods the counts are cut into'),
        from: isoDate.optional().describe('count only records and persons dated on or after this date'),
        to: isoDate.optional().describe('count only records and persons dated on or before this date'),
      }),
      response: { 200: documented('ReconcileReport: identity, conflicts, counts'), 400: errorBodySchema, 401: errorBodySchema },
    },
    handler: async (request) => {
      const q = request.query;
      return services.reconcile({ grain: q.period, from: q.from ?? null, to: q.to ?? null });
    },
  });
};
