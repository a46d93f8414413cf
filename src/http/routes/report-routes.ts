import { z } from 'zod';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import type { FunnelReport } from '../../domain/funnel-report.js';
import { documented, isoDate } from '../schemas/common.js';
import { field } from '../schemas/report-params.js';
import { singleFlight } from '../single-flight.js';


/**
 * The reports catalogue: every report this server offers, each a GET with the CLI's flags as
 * query parameters (the routes live in their own modules; a new report adds a line here).
 */
export const REPORTS: { id: string; path: string; summary: string }[] = [
  { id: 'funnel', path: '/api/reports/funnel', summary: 'per stage reached, conversion, time to next, inventory, SLA; revenue' },
  { id: 'cohorts', path: '/api/reports/cohorts', summary: 'cohorts by entry month or quarter: share reaching each stage, time to stage, triangle' },
  { id: 'compare', path: '/api/reports/compare', summary: 'two periods side by side, every figure with its change' },
  { id: 'diagnose', path: '/api/reports/diagnose', summary: 'bottlenecks ranked by revenue at stake, with their owner' },
  { id: 'scorecard', path: '/api/reports/scorecard', summary: 'per team and owner: stages owned, target vs actual, SLA compliance, part of the goal' },
  { id: 'plan', path: '/api/reports/plan', summary: 'the reverse waterfall from a revenue goal: volume each stage needs, and when' },
  { id: 'follow-up', path: '/api/reports/follow-up', summary: 'contact-policy compliance per owner and team, nurture program results' },
  { id: 'attempts', path: '/api/reports/attempts', summary: 'the attempt curve and a recommended policy length' },
  { id: 'attribution', path: '/api/reports/attribution', summary: 'credit for pipeline and revenue per team, channel or campaign (model=all compares models)' },
  { id: 'influence', path: '/api/reports/influence', summary: 'who touched the people who moved, before each transition' },
  { id: 'reconcile', path: '/api/reconcile', summary: 'where the marketing system and the CRM disagree, and which value is used' },
  { id: 'queues', path: '/api/queues', summary: 'who to contact next, by whom and on which channel: overdue first' },
  { id: 'digest', path: '/api/queues/{owner}/digest', summary: "an owner's daily follow-up digest (JSON, or Markdown with format=md)" },
  { id: 'explain', path: '/api/persons/{id}/explain', summary: "a person's score, rules, grade and timeline with reasons" },
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
