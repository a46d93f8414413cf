import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../app/services.js';
import { installAuthenticate, installAuthorize, isApiUrl } from './auth.js';
import { installErrorHandler } from './error-handler.js';
import type { App } from './route-context.js';
import { ROUTE_MODULES } from './routes/index.js';
import { DEFAULT_SERVER_OPTIONS } from './server-options.js';
import type { ServerOptions } from './server-options.js';

/** Headers and fields that carry secrets: pino writes "[redacted]" in their place. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-tandem-signature"]',
  'res.headers["set-cookie"]',
  'secret',
  '*.secret',
  'token',
  '*.password',
];

/** A tokenless /api/ request (not a CORS preflight): what guessing tokens looks like. */
function guessing(request: FastifyRequest): boolean {
  return !request.actor && request.method !== 'OPTIONS' && isApiUrl(request.url);
}

/**
 * The HTTP server over the use cases. It keeps no state of its own beyond soft rate-limit
 * counters: every server on the same database answers every request the same way.
 */
export async function buildServer(services: Services, given: Partial<ServerOptions> = {}): Promise<App> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...given };
  const app = Fastify({
    logger:
      options.logLevel === false
        ? false
        : { level: options.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: options.bodyLimit,
    // Node checks these timeouts on an interval; a short interval makes a slow request end near its deadline.
    serverFactory: (handler) =>
      createServer({ requestTimeout: options.requestTimeoutMs, headersTimeout: Math.min(options.requestTimeoutMs, 60_000), connectionsCheckingInterval: Math.min(1000, options.requestTimeoutMs) }, handler),
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Tandem API', version: '0.1.0', description: 'Marketing and sales on one revenue funnel. Every route under /api/ needs a bearer token (`tandem token create`).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token (tdm_…)' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(multipart, { limits: { fileSize: options.uploadLimit } });
  if (options.corsOrigins.length > 0) await app.register(cors, { origin: [...options.corsOrigins] });

  installAuthenticate(app, services, options.now);
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    // A valid token gets its own budget. /api/ requests without one share their address's
    // small budget, so guessing tokens stops after a few tries a minute. Webhooks and docs
    // (no token by design) are counted per address with the normal budget.
    keyGenerator: (request) => (request.actor ? `token:${request.actor.tokenId}` : guessing(request) ? `guess:${request.ip}` : `ip:${request.ip}`),
    max: (request) => (guessing(request) ? options.rateLimitAnonymous : options.rateLimitPerToken),
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED', message: `too many requests: at most ${context.max} a minute; retry in ${context.after}` }),
  });
  installAuthorize(app);

  const pending = new Set<Promise<unknown>>();
  const ctx = {
    services,
    options,
    track(work: Promise<unknown>) {
      const settled = work.catch(() => undefined).finally(() => pending.delete(settled));
      pending.add(settled);
    },
  };
  app.addHook('onClose', async () => {
    await Promise.all(pending);
  });
  app.get('/openapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () => app.swagger());
  for (const mount of ROUTE_MODULES) mount(app, ctx);

  // The dashboard (its own issue) is built into web-dist/ and served from here when present.
  if (options.webDist && existsSync(options.webDist)) {
    await app.register(fastifyStatic, { root: options.webDist, prefix: '/', wildcard: false });
  }
  return app;
}
