import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../app/actor.js';
import type { Services } from '../app/services.js';
import { TandemError } from '../domain/errors.js';
import { can, rolesWith } from '../domain/role.js';
import type { Permission } from '../domain/role.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request: set from the bearer token under /api/, else null. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** What a route under /api/ needs; every such route names one. */
    permission?: Permission;
  }
}

const BEARER = /^Bearer\s+(\S+)$/i;

export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** The request's actor or a 401: for handlers, after the auth hooks ran. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new TandemError('UNAUTHORIZED', 'a bearer token is required');
  return request.actor;
}

/**
 * Resolves the bearer token before rate limiting (so limits can be per token, and guesses
 * per address), then refuses requests without a valid token or without the route's permission.
 */
export function installAuthenticate(app: FastifyInstance, services: Services, now: () => Date): void {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (isApiUrl(route.url) && !route.config?.permission) throw new Error(`route ${route.method} ${route.url} names no permission`);
  });
  app.addHook('onRequest', async (request) => {
    if (!isApiUrl(request.url)) return;
    const header = request.headers.authorization;
    const match = header ? BEARER.exec(header) : null;
    if (match) request.actor = await services.auth.authenticate(match[1]!, now().toISOString());
  });
}

/**
 * Runs after rate limiting (the plugin's per-route hooks come after app-level onRequest
 * hooks) and before the body is read: 401 without a valid token, 403 without the permission.
 */
export function installAuthorize(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    // A CORS preflight carries no token by design; it reaches a route only when CORS is on.
    if (!isApiUrl(request.url) || request.method === 'OPTIONS') return payload;
    if (!request.actor) {
      const given = !!request.headers.authorization;
      throw new TandemError(
        'UNAUTHORIZED',
        given ? 'the token is unknown, revoked or expired' : 'a bearer token is required: send "Authorization: Bearer <token>" (create one with `tandem token create`)',
      );
    }
    const permission = request.routeOptions.config.permission;
    // No permission: an unknown /api/ route, which the 404 handler answers.
    if (permission && request.actor.role !== 'operator' && !can(request.actor.role, permission)) {
      throw new TandemError('FORBIDDEN', `${request.actor.name} is ${request.actor.role}; this needs the ${permission} permission (${rolesWith(permission).join(', ')})`);
    }
    return payload;
  });
}
