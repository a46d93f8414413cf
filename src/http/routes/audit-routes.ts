import { z } from 'zod';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { auditSort, isoDateTime, page } from '../schemas/common.js';

export const auditRoutes: RouteModule = (app, { services }) => {
  app.get('/api/audit', {
    config: { permission: 'read' },
    schema: {
      tags: ['sign-off'],
      summary: 'The audit log: every change and approval (who, when, what, before and after)',
      security: BEARER,
      querystring: z.object({
        from: isoDateTime.optional(),
        to: isoDateTime.optional().describe('exclusive'),
        actor: z.string().max(200).optional().describe('user name or id'),
        action: z.string().max(100).optional().describe('e.g. proposal.approved'),
        subject: z.string().max(200).optional().describe('the id of the thing changed'),
        sort: auditSort,
        ...page,
      }),
    },
    handler: async (request) => {
      const q = request.query;
      return services.auditLog({
        from: q.from ? new Date(q.from).toISOString() : null,
        toExclusive: q.to ? new Date(q.to).toISOString() : null,
        actor: q.actor ?? null,
        action: q.action ?? null,
        subjectId: q.subject ?? null,
        sort: q.sort,
        limit: q.limit,
        offset: q.offset,
      });
    },
  });
};
