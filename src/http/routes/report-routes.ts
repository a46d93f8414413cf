import { z } from 'zod';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import type { FunnelReport } from '../../domain/funnel-report.js';
import { documented, isoDate } from '../schemas/common.js';
import { singleFlight } from '../single-flight.js';

/** A person field or an imported column (snake_case) to split by; never SQL. */
const field = z.string().regex(/^[\p{L}\p{N}_]{1,64}$/u, 'a field name: letters, digits and _ (e.g. source, owner, country)');

/**
 * The reports catalogue: what exists now, and where the capabilities still landing plug in
 * (cohorts, compare, diagnose, scorecard, plan, queues, follow-up): one route each, here.
 */
export const REPORTS: { id: string; path: string; summary: string }[] = [
  { id: 'funnel', path: '/api/reports/funnel', summary: 'per stage reached, conversion, time to next, inventory, SLA; revenue' },
];

export const reportRoutes: RouteModule = (app, { services }) => {
  const funnelFlight = singleFlight<FunnelReport>();
  app.get('/api/reports', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'The reports this server offers',
      security: BEARER,
      response: { 200: z.object({ reports: z.array(z.object({ id: z.string(), path: z.string(), summary: z.string() })) }) },
    },
    handler: async () => ({ reports: REPORTS }),
  });
  app.get('/api/reports/funnel', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'The funnel report',
      description: 'The people who entered the funnel from `from` to `to` (inclusive dates): per main stage how many reached it, conversion to the next and from the top against target, days to the next stage, inventory and past-SLA; won revenue. `by` splits every figure by a person field or imported column.',
      security: BEARER,
      querystring: z.object({
        from: isoDate.optional(),
        to: isoDate.optional(),
        by: field.optional(),
        at: z.iso.datetime({ offset: true }).optional().describe('the time SLA ageing is measured at (default now)'),
      }),
      response: { 200: documented('FunnelReport: stages[], revenue, groups[] when split'), 400: errorBodySchema },
    },
    handler: async (request) => {
      const q = request.query;
      const at = q.at ? new Date(q.at) : new Date();
      const key = JSON.stringify([q.from ?? null, q.to ?? null, q.by ?? null, at.toISOString()]);
      return funnelFlight(key, () => services.funnelReport({ from: q.from ?? null, to: q.to ?? null, by: q.by ?? null, at }));
    },
  });
};
