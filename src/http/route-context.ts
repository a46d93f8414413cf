import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../app/services.js';
import type { ServerOptions } from './server-options.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** What every route module gets: the use cases and the server's options. */
export interface RouteContext {
  readonly services: Services;
  readonly options: ServerOptions;
  /** Work that outlives its request (an upload's import); shutdown waits for it. */
  track(work: Promise<unknown>): void;
}

/** A group of routes; a capability adds one to the list in routes/index.ts. */
export type RouteModule = (app: App, ctx: RouteContext) => void;

/** The bearer scheme, for routes' OpenAPI `security`. */
export const BEARER = [{ bearer: [] }];
