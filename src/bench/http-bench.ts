import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { OPERATOR } from '../app/actor.js';
import { buildServer } from '../http/build-server.js';
import { openServices } from '../main/services.js';
import type { BenchContext, BenchResult } from './bench-types.js';

/** The part of autocannon's result this bench reads (the package ships no types). */
interface CannonResult {
  readonly requests: { readonly average: number; readonly total: number };
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
}
type Cannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { method: string; path: string; setupRequest?: (r: CannonRequest) => CannonRequest }[];
}) => Promise<CannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

/** Seconds each endpoint is loaded; bounded so the whole bench stays short. */
const DURATION = Number(process.env.TANDEM_BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = 8;
const BATCH = 50;

/**
 * The HTTP API under load on 127.0.0.1 only: the funnel report and batched ingest (each
 * request new activities, so every one inserts and replays), next to a trivial route (the
 * floor: what Fastify, the socket and autocannon cost) measured on the same server in the same run.
 */
export async function benchHttp(ctx: BenchContext, imported: string | null): Promise<BenchResult[]> {
  // The core bench's database (imported and replayed) when it ran; else import the exports here.
  const db = imported ?? (await ctx.freshDb());
  const services = await openServices(db);
  if (!imported) await services.importFiles({ paths: [ctx.exportsDir] });
  const app = await buildServer(services, { logLevel: false, rateLimitPerToken: 10_000_000, batchMaxItems: 1000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { secret } = await services.auth.createToken(OPERATOR, { user: 'bench', role: 'marketing' });
  const auth = { authorization: `Bearer ${secret}` };
  const results: BenchResult[] = [];
  const run = async (figure: string, requests: Parameters<Cannon>[0]['requests'], floor: CannonResult | null, itemsPerRequest = 0): Promise<CannonResult> => {
    // Requests the previous run left in flight queue for the database; let them drain first.
    await fetch(`${url}/api/me`, { headers: auth });
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { ...auth, 'content-type': 'application/json' }, requests });
    if (r.errors + r.timeouts + r.non2xx > 0) process.stderr.write(`warning: ${figure}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts\n`);
    results.push({
      bench: 'http',
      dialect: ctx.dialect,
      persons: ctx.persons,
      figure: `${figure}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms`,
      // Time per request at the measured rate, so floor/time compares throughput.
      seconds: 1 / Math.max(r.requests.average, 1e-9),
      floorSeconds: floor ? 1 / Math.max(floor.requests.average, 1e-9) : null,
      floorWhat: floor ? 'GET /health on the same server, same run' : 'this is the floor',
      rate: itemsPerRequest ? r.requests.average * itemsPerRequest : r.requests.average,
      note: `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.total} requests, ${CONNECTIONS} connections, ${DURATION} s`,
    });
    return r;
  };
  try {
    const floor = await run('GET /health (trivial)', [{ method: 'GET', path: '/health' }], null);
    await run('GET /api/me (token lookup)', [{ method: 'GET', path: '/api/me' }], floor);
    // Identical concurrent requests share one computation (single flight); a distinct `at` on
    // every request shows the cost of computing each one.
    await run('GET /api/reports/funnel (same query)', [{ method: 'GET', path: '/api/reports/funnel?at=2025-01-01T00:00:00Z' }], floor);
    let m = 0;
    await run(
      'GET /api/reports/funnel (each query distinct)',
      [{ method: 'GET', path: '/api/reports/funnel', setupRequest: (r) => ({ ...r, path: `/api/reports/funnel?at=${new Date(Date.UTC(2025, 0, 1) + 1000 * m++).toISOString()}` }) }],
      floor,
    );
    let n = 0;
    await run(
      `POST /api/ingest (${BATCH} new activities each)`,
      [
        {
          method: 'POST',
          path: '/api/ingest',
          setupRequest: (r) => {
            const k = n++;
            const activities = Array.from({ length: BATCH }, (_, i) => ({
              system: 'bench',
              externalId: `H${k}-${i}`,
              person: { system: 'gen', externalId: `P${(k * BATCH + i) % ctx.persons}` },
              type: 'email_click',
              occurredAt: '2024-12-01T00:00:00Z',
            }));
            return { ...r, body: JSON.stringify({ activities }) };
          },
        },
      ],
      floor,
      BATCH,
    );
  } finally {
    await app.close();
    await services.close();
  }
  return results;
}
