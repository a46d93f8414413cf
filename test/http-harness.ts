import type { AddressInfo } from 'node:net';
import { OPERATOR } from '../src/app/actor.js';
import type { Services } from '../src/app/services.js';
import type { Role } from '../src/domain/role.js';
import { buildServer } from '../src/http/build-server.js';
import type { App } from '../src/http/route-context.js';
import type { ServerOptions } from '../src/http/server-options.js';
import { openServices } from '../src/main/services.js';
import { freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

export type Transport = 'inject' | 'socket';
export const TRANSPORTS: readonly Transport[] = ['inject', 'socket'];

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: any;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly raw?: Buffer | string;
  readonly form?: FormData;
  readonly headers?: Record<string, string>;
}

/** One way to call the server: Fastify's inject, or a real HTTP request over a socket. */
export interface Client {
  call(method: string, url: string, options?: CallOptions): Promise<Reply>;
}

async function encode(options: CallOptions): Promise<{ payload?: Buffer | string; headers: Record<string, string> }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.form) {
    const r = new Request('http://localhost/', { method: 'POST', body: options.form });
    headers['content-type'] = r.headers.get('content-type')!;
    return { payload: Buffer.from(await r.arrayBuffer()), headers };
  }
  if (options.raw !== undefined) return { payload: options.raw, headers: { 'content-type': 'application/json', ...headers } };
  if (options.body !== undefined) return { payload: JSON.stringify(options.body), headers: { 'content-type': 'application/json', ...headers } };
  return { headers };
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

export function injectClient(app: App): Client {
  return {
    async call(method, url, options = {}) {
      const { payload, headers } = await encode(options);
      const r = await app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
      return { status: r.statusCode, headers: r.headers as Reply['headers'], text: r.body, json: parse(r.body) };
    },
  };
}

export function socketClient(base: string): Client {
  return {
    async call(method, url, options = {}) {
      const { payload, headers } = await encode(options);
      const r = await fetch(base + url, { method, headers, ...(payload !== undefined ? { body: typeof payload === "string" ? payload : new Uint8Array(payload) } : {}) });
      const text = await r.text();
      return { status: r.status, headers: Object.fromEntries(r.headers.entries()), text, json: parse(text) };
    },
  };
}

export interface Api {
  readonly db: TestDatabase;
  readonly services: Services;
  readonly app: App;
  readonly client: Client;
  readonly base: string | null;
  readonly tokens: Record<'admin' | 'marketing' | 'marketing2' | 'sales' | 'viewer', string>;
  readonly tokenIds: Record<string, string>;
  close(): Promise<void>;
}

/** A fresh database, a server over it, and a token per role. */
export async function startApi(dialect: 'sqlite' | 'postgres', transport: Transport, options: Partial<ServerOptions> = {}, existing?: TestDatabase): Promise<Api> {
  const db = existing ?? (await freshDatabase(dialect));
  const services = await openServices(db.location);
  const app = await buildServer(services, { logLevel: false, ...options });
  let base: string | null = null;
  if (transport === 'socket') {
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  } else {
    await app.ready();
  }
  const tokens = {} as Api['tokens'];
  const tokenIds: Record<string, string> = {};
  if (!existing) {
    const people: [keyof Api['tokens'], string, Role][] = [
      ['admin', 'Admin', 'admin'],
      ['marketing', 'مريم (marketing)', 'marketing'],
      ['marketing2', 'Mark', 'marketing'],
      ['sales', 'Sam (sales)', 'sales'],
      ['viewer', 'Vera', 'viewer'],
    ];
    for (const [key, name, role] of people) {
      const t = await services.auth.createToken(OPERATOR, { user: name, role });
      tokens[key] = t.secret;
      tokenIds[key] = t.token.id;
    }
  }
  return {
    db,
    services,
    app,
    client: base ? socketClient(base) : injectClient(app),
    base,
    tokens,
    tokenIds,
    async close() {
      await app.close();
      await services.close();
      if (!existing) await db.drop();
    },
  };
}
