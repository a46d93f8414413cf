import { z } from 'zod';
import { ROLES } from '../../domain/role.js';
import { TandemError } from '../../domain/errors.js';
import { actorOf } from '../auth.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { idParam, isoDateTime, text } from '../schemas/common.js';

const userSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), createdAt: z.string(), disabledAt: z.string().nullable() }).meta({ id: 'User' });
const tokenSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    label: z.string().nullable(),
    prefix: z.string().describe('the first characters of the secret, to tell tokens apart'),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });
const createdToken = z.object({ token: tokenSchema, secret: z.string().describe('shown once: store it now; the server keeps only its hash'), user: userSchema });
const tokenBody = z.object({ label: text(200).optional(), expiresAt: isoDateTime.optional() }).strict();

/** Users, roles and tokens. Admins manage everyone; each user sees and revokes their own tokens. */
export const userRoutes: RouteModule = (app, { services }) => {
  app.get('/api/me', {
    config: { permission: 'read' },
    schema: { tags: ['users'], summary: 'Who this token belongs to', security: BEARER, response: { 200: z.object({ userId: z.string().nullable(), name: z.string(), role: z.string(), tokenId: z.string().nullable() }) } },
    handler: async (request) => actorOf(request),
  });
  app.get('/api/users', {
    config: { permission: 'manage-users' },
    schema: { tags: ['users'], summary: 'All users', security: BEARER, response: { 200: z.object({ users: z.array(userSchema) }) } },
    handler: async () => ({ users: await services.auth.listUsers() }),
  });
  app.post('/api/users', {
    config: { permission: 'manage-users' },
    schema: { tags: ['users'], summary: 'Create a user', security: BEARER, body: z.object({ name: text(100), role: z.enum(ROLES) }).strict(), response: { 201: userSchema } },
    handler: async (request, reply) => reply.status(201).send(await services.auth.createUser(actorOf(request), request.body)),
  });
  app.patch('/api/users/:id', {
    config: { permission: 'manage-users' },
    schema: {
      tags: ['users'],
      summary: "Change a user's role, or disable them (their tokens stop working)",
      security: BEARER,
      params: idParam,
      body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }).strict(),
      response: { 200: userSchema },
    },
    handler: async (request) => services.auth.updateUser(actorOf(request), request.params.id, request.body),
  });
  app.post('/api/users/:id/tokens', {
    config: { permission: 'manage-users' },
    schema: { tags: ['users'], summary: 'Create a token for a user (the secret is shown once)', security: BEARER, params: idParam, body: tokenBody, response: { 201: createdToken } },
    handler: async (request, reply) =>
      reply.status(201).send(await services.auth.createToken(actorOf(request), { user: request.params.id, label: request.body.label, expiresAt: request.body.expiresAt })),
  });
  app.get('/api/tokens', {
    config: { permission: 'read' },
    schema: { tags: ['users'], summary: 'Your tokens (an admin sees everyone’s)', security: BEARER, response: { 200: z.object({ tokens: z.array(tokenSchema) }) } },
    handler: async (request) => {
      const actor = actorOf(request);
      return { tokens: await services.auth.listTokens(actor.role === 'admin' || actor.role === 'operator' ? null : actor.userId) };
    },
  });
  app.post('/api/tokens', {
    config: { permission: 'read' },
    schema: { tags: ['users'], summary: 'Create another token for yourself (the secret is shown once)', security: BEARER, body: tokenBody, response: { 201: createdToken } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (!actor.userId) throw new TandemError('BAD_INPUT', 'the operator creates tokens with `tandem token create`');
      return reply.status(201).send(await services.auth.createToken(actor, { user: actor.userId, label: request.body.label, expiresAt: request.body.expiresAt }));
    },
  });
  app.delete('/api/tokens/:id', {
    config: { permission: 'read' },
    schema: { tags: ['users'], summary: 'Revoke a token (yours, or anyone’s for an admin)', security: BEARER, params: idParam, response: { 200: tokenSchema } },
    handler: async (request) => services.auth.revokeToken(actorOf(request), request.params.id),
  });
};
