import { z } from 'zod';
import type { RouteModule } from '../route-context.js';

/** Liveness and readiness for a load balancer or orchestrator: no token, no rate limit. */
export const healthRoutes: RouteModule = (app, { services }) => {
  app.get('/health', {
    config: { rateLimit: false },
    schema: { tags: ['operation'], summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/ready', {
    config: { rateLimit: false },
    schema: {
      tags: ['operation'],
      summary: 'The database answers and its schema is current',
      response: { 200: z.object({ status: z.string(), database: z.string(), pendingMigrations: z.array(z.string()) }), 503: z.object({ status: z.string(), database: z.string(), pendingMigrations: z.array(z.string()) }) },
    },
    handler: async (request, reply) => {
      try {
        const { pending } = await services.schemaStatus();
        const ok = pending.length === 0;
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'schema outdated', database: services.dialect, pendingMigrations: pending });
      } catch (e) {
        request.log.warn({ err: e }, 'readiness check failed');
        return reply.status(503).send({ status: 'database unreachable', database: services.dialect, pendingMigrations: [] });
      }
    },
  });
};
