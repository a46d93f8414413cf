import { z } from 'zod';
import { DEFINITION_KINDS, PROPOSAL_STATUSES } from '../../app/ports/proposal-store.js';
import { errorBodySchema } from '../error-body.js';
import { actorOf } from '../auth.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented, idParam, page, text } from '../schemas/common.js';

/** Joint sign-off of the shared definitions: propose, approve (marketing + sales), reject. */
export const proposalRoutes: RouteModule = (app, { services, options }) => {
  app.get('/api/proposals', {
    config: { permission: 'read' },
    schema: {
      tags: ['sign-off'],
      summary: 'Proposals, newest first',
      security: BEARER,
      querystring: z.object({ status: z.enum(PROPOSAL_STATUSES).optional(), ...page }),
    },
    handler: async (request) => ({
      kinds: services.proposals.kinds(),
      proposals: (await services.proposals.list(request.query.status ?? null, request.query.limit, request.query.offset)).map(({ content, backtest, ...p }) => (void content, void backtest, p)),
    }),
  });
  app.post('/api/proposals', {
    config: { permission: 'propose' },
    bodyLimit: options.batchBodyLimit,
    schema: {
      tags: ['sign-off'],
      summary: 'Propose a change to a shared definition',
      description: 'The YAML is checked (errors name line and field) and backtested on history where its kind can be; it is adopted only once one marketing and one sales user approved it.',
      security: BEARER,
      body: z.object({ kind: z.enum(DEFINITION_KINDS), title: text(300), note: z.string().max(10_000).optional(), content: z.string().min(1).max(1_000_000) }).strict(),
      response: { 201: documented('the proposal with its backtest and sign-off state'), 400: errorBodySchema, 409: errorBodySchema },
    },
    handler: async (request, reply) => {
      const p = await services.proposals.propose(actorOf(request), request.body);
      return reply.status(201).send(p);
    },
  });
  app.get('/api/proposals/:id', {
    config: { permission: 'read' },
    schema: { tags: ['sign-off'], summary: 'A proposal with its content, backtest, approvals and what it waits for', security: BEARER, params: idParam },
    handler: async (request) => services.proposals.get(request.params.id),
  });
  app.post('/api/proposals/:id/approve', {
    config: { permission: 'approve' },
    schema: {
      tags: ['sign-off'],
      summary: 'Approve a proposal (marketing or sales); the second team to approve adopts it and the replay runs',
      security: BEARER,
      params: idParam,
      response: { 200: documented('the proposal; `adopted` is set when this approval completed the sign-off'), 403: errorBodySchema, 409: errorBodySchema },
    },
    handler: async (request) => services.proposals.approve(actorOf(request), request.params.id),
  });
  app.post('/api/proposals/:id/reject', {
    config: { permission: 'propose' },
    schema: {
      tags: ['sign-off'],
      summary: 'Reject an open proposal',
      security: BEARER,
      params: idParam,
      body: z.object({ reason: z.string().max(10_000).optional() }).strict().optional(),
    },
    handler: async (request) => services.proposals.reject(actorOf(request), request.params.id, request.body?.reason ?? null),
  });
};
