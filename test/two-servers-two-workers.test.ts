import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '../src/app/actor.js';
import type { QueueClaim } from '../src/app/ports/replay-store.js';
import type { Services } from '../src/app/services.js';
import { runWorker, worker } from '../src/app/worker.js';
import type { WorkerTick } from '../src/app/worker.js';
import { buildServer } from '../src/http/build-server.js';
import type { App } from '../src/http/route-context.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { socketClient } from './http-harness.js';
import type { Client, Reply } from './http-harness.js';
import { startSmtpSink } from './smtp-sink.js';
import type { SmtpSink } from './smtp-sink.js';
import { spawnTandem } from './tandem-process.js';

const PERSONS = 400;
const BATCHES = 48;
const PER_BATCH = 60;
const NOW = Date.now();
const ago = (days: number): string => new Date(NOW - days * 86_400_000).toISOString();
const FIXTURES = join(import.meta.dirname, 'fixtures', 'follow-up');

/** Every tenth person was set unreachable in the CRM three days ago: the nurture program's first step is due. */
const unreachable = (i: number): boolean => i % 10 === 0;

function person(i: number): { system: string; externalId: string; email: string; firstName: string; company: string; createdAt: string; owner?: string; stage?: string; stageAt?: string } {
  const base = { system: 'crm', externalId: `P${i}`, email: `p${i}@example.org`, firstName: i % 7 === 0 ? `مريم ${i}` : `Person ${i}`, company: 'Co', createdAt: ago(30) };
  if (unreachable(i)) return { ...base, owner: 'sara', stage: 'unreachable', stageAt: ago(3) };
  // Handed to sales two hours ago: in the owner's queue (and digest), nothing time-driven due yet.
  if (i % 10 === 1) return { ...base, owner: i % 20 === 1 ? 'sara' : 'ali', stage: 'sal', stageAt: new Date(NOW - 2 * 3_600_000).toISOString() };
  return base;
}

/** Overlapping batches: each person turns up in several, with activities of their own per batch. */
function batch(b: number) {
  const persons = [];
  const activities = [];
  for (let k = 0; k < PER_BATCH; k++) {
    const i = (b * 41 + k * 13) % PERSONS;
    persons.push(person(i));
    activities.push({ system: 'web', externalId: `A${i}-${b % 6}`, person: { externalId: `P${i}`, system: 'crm' }, type: b % 6 === 5 ? 'form_fill' : 'page_view', occurredAt: ago(20 - (b % 6)) });
  }
  return { persons, activities };
}

async function until(check: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves once `check` holds, or after `ms` (an assertion then fails on its own). */
async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

interface Server {
  readonly services: Services;
  readonly app: App;
  readonly client: Client;
}

interface Claim {
  readonly worker: string;
  readonly claims: readonly QueueClaim[];
  readonly from: number;
  to: number;
}

describe.skipIf(!DIALECTS.includes('postgres'))('two servers and two workers on one PostgreSQL (skipped unless TANDEM_TEST_PG_URL is set)', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let smtp: SmtpSink;
  const servers: Server[] = [];
  const workerServices: Services[] = [];
  const stop = new AbortController();
  const loops: Promise<void>[] = [];
  const claims: Claim[] = [];
  const ticks: WorkerTick[] = [];
  const errors: unknown[] = [];
  const logs: string[] = [];
  const savedEnv = { ...process.env };
  let token: string;
  let env: Record<string, string>;
  const count = async (q: string): Promise<number> => Number((await sql.query(q)).rows[0].n);
  const otherHasClaimed = (name: string, ms: number): Promise<void> => waitFor(() => claims.some((c) => c.worker !== name), ms);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    env = {
      TANDEM_SMTP_URL: smtp.url,
      TANDEM_MAIL_FROM: 'Acme <hello@acme.example>',
      TANDEM_UNSUBSCRIBE_URL: 'https://acme.example/u/{token}',
      TANDEM_MAIL_CONFIG: join(FIXTURES, 'mail.yaml'),
    };
    Object.assign(process.env, env);
    db = await freshDatabase('postgres');
    sql = new pg.Client({ connectionString: db.location });
    await sql.connect();
    for (let i = 0; i < 2; i++) {
      // Stateless servers: ingests only queue the persons they touch.
      const services = await openServices(db.location, { inlineReplay: false });
      const app = await buildServer(services, { logLevel: false });
      await app.listen({ port: 0, host: '127.0.0.1' });
      servers.push({ services, app, client: socketClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`) });
    }
    token = (await servers[0]!.services.auth.createToken(OPERATOR, { user: 'Sam', role: 'sales' })).secret;
    for (const name of ['w1', 'w2']) {
      // Each worker on its own connection pool, as separate processes would be.
      const services = await openServices(db.location);
      workerServices.push(services);
      const w = worker(services, {
        nurture: true,
        digests: true,
        digestHour: 0,
        digestRecheckMinutes: 0,
        leaseMinutes: 10,
        batch: 20,
        claimant: name,
        now: () => new Date(),
        log: (l) => logs.push(l),
        onClaim: async (c) => {
          claims.push({ worker: name, claims: c, from: performance.now(), to: Infinity });
          // A worker's first batch is held until the other worker has taken one too (or 20 s have
          // passed): both then hold claims at once, so the queue must hand them different persons.
          // Without this gate, one fast worker may drain every burst before the other wakes.
          if (claims.filter((x) => x.worker === name).length === 1) await otherHasClaimed(name, 20_000);
        },
        // The end of the interval is taken inside the transaction that releases the claim: a time
        // taken after its commit returns may already be later than the next worker's claim.
        onReplaying: (c) => void (claims.find((x) => x.worker === name && x.claims === c)!.to = performance.now()),
      });
      loops.push(runWorker(w, { intervalMs: 150, once: false, signal: stop.signal, onTick: (t) => ticks.push(t), onError: (e) => errors.push(e) }));
    }
  }, 30_000);

  afterAll(async () => {
    stop.abort();
    await Promise.all(loops);
    for (const s of servers) {
      await s.app.close();
      await s.services.close();
    }
    for (const s of workerServices) await s.close();
    await sql?.end();
    await smtp?.close();
    await db?.drop();
    for (const k of Object.keys(env ?? {})) if (!(k in savedEnv)) delete process.env[k];
  });

  it('ingest on both servers, workers replaying and sending: nothing lost, duplicated or sent twice', async () => {
    const started = performance.now();
    const sends: Promise<Reply>[] = [];
    for (let b = 0; b < BATCHES; b++) {
      sends.push(servers[b % 2]!.client.call('POST', '/api/ingest', { token, body: batch(b) }));
      // Every fourth batch reaches the other server too, at the same moment: it must land once.
      if (b % 4 === 0) sends.push(servers[(b + 1) % 2]!.client.call('POST', '/api/ingest', { token, body: batch(b) }));
    }
    const results = await Promise.all(sends);
    const ingestMs = performance.now() - started;
    for (const r of results) {
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(r.json.rejected).toEqual([]);
      expect(r.json.personsReplayed).toBe(0);
    }

    const sentPersons = new Set<number>();
    const sentActivities = new Set<string>();
    for (let b = 0; b < BATCHES; b++) {
      for (const p of batch(b).persons) sentPersons.add(Number(p.externalId.slice(1)));
      for (const a of batch(b).activities) sentActivities.add(a.externalId);
    }
    const enrolled = [...sentPersons].filter(unreachable).map((i) => `p${i}@example.org`);
    const lifecycleActivities = [...sentPersons].reduce((n, i) => n + 1 + (person(i).stage ? 1 : 0), 0);

    // Drain: the queue empties, every due nurture step and each owner's digest goes out.
    await until(async () => (await count('select count(*) as n from replay_queue')) === 0, 'the replay queue to drain', 40_000);
    const drainedMs = performance.now() - started;
    const digestsTo = (owner: string) => smtp.to(owner).filter((m) => m.subject?.startsWith('Follow-up'));
    await until(async () => enrolled.every((e) => smtp.to(e).length > 0) && digestsTo('sara@acme.example').length > 0 && digestsTo('ali@acme.example').length > 0, 'nurture steps and digests', 30_000);
    // Let both workers make a few more passes: nothing more may be sent or replayed.
    const passes = ticks.length;
    await until(async () => ticks.length >= passes + 6, 'more worker passes', 10_000);
    stop.abort();
    await Promise.all(loops);
    expect(errors).toEqual([]);
    expect(logs).toEqual([]);

    // Every person and activity landed exactly once, whichever server(s) took it.
    expect(await count('select count(*) as n from persons')).toBe(sentPersons.size);
    expect(await count("select count(*) as n from activities where source = 'web'")).toBe(sentActivities.size);
    expect(await count('select count(*) as n from activities')).toBe(sentActivities.size + lifecycleActivities);
    expect(results.reduce((n, r) => n + r.json.activitiesInserted, 0)).toBe(sentActivities.size + lifecycleActivities);
    expect(await count('select count(*) as n from replay_queue')).toBe(0);

    // Claims: each queued version of a person replayed once, never by two workers at the same time.
    expect(claims.every((c) => c.to !== Infinity)).toBe(true);
    const taken = claims.flatMap((c) => c.claims.map((q) => `${q.personId}@${q.token}`));
    expect(new Set(taken).size).toBe(taken.length);
    const byPerson = new Map<string, Claim[]>();
    for (const c of claims) for (const q of c.claims) byPerson.set(q.personId, [...(byPerson.get(q.personId) ?? []), c]);
    expect(byPerson.size).toBe(sentPersons.size);
    for (const [personId, list] of byPerson) {
      const sorted = [...list].sort((x, y) => x.from - y.from);
      for (let k = 1; k < sorted.length; k++) expect(sorted[k]!.from, `${personId} replayed by ${sorted[k - 1]!.worker} and ${sorted[k]!.worker} at once`).toBeGreaterThanOrEqual(sorted[k - 1]!.to);
    }
    expect(new Set(claims.map((c) => c.worker))).toEqual(new Set(['w1', 'w2']));

    // What the workers left equals a full replay from scratch.
    const journeys = async () => (await sql.query('select * from journeys order by model_version, person_id')).rows;
    const transitions = async () => (await sql.query('select * from transitions order by model_version, person_id, seq')).rows;
    const incremental = { journeys: await journeys(), transitions: await transitions() };
    expect(incremental.journeys).toHaveLength(sentPersons.size);
    await workerServices[0]!.replay(null);
    expect({ journeys: await journeys(), transitions: await transitions() }).toEqual(incremental);

    // Nurture: each due step sent exactly once across the two workers; each owner's digest once.
    for (const e of enrolled) expect(smtp.to(e), e).toHaveLength(1);
    const steps = smtp.messages.filter((m) => !m.subject?.startsWith('Follow-up'));
    expect(steps).toHaveLength(enrolled.length);
    expect(smtp.to('p0@example.org')[0]!.subject).toBe('مريم 0, is this still on your list?');
    expect(digestsTo('sara@acme.example')).toHaveLength(1);
    expect(digestsTo('ali@acme.example')).toHaveLength(1);
    expect(smtp.messages).toHaveLength(enrolled.length + 2);
    expect(await count("select count(*) as n from outbox where status = 'sent'")).toBe(enrolled.length + 2);

    const requests = results.length;
    const items = results.reduce((n, r) => n + r.json.accepted.persons + r.json.accepted.activities, 0);
    console.log(
      `two servers, two workers: ${requests} ingest requests (${items} items) in ${(ingestMs / 1000).toFixed(2)} s = ${Math.round(requests / (ingestMs / 1000))} requests/s, ${Math.round(items / (ingestMs / 1000))} items/s; ` +
        `queue drained ${(drainedMs / 1000).toFixed(2)} s after the first request; ${claims.length} claims (${claims.filter((c) => c.worker === 'w1').length} by w1, ${claims.filter((c) => c.worker === 'w2').length} by w2); ${steps.length} nurture steps and 2 digests sent`,
    );
  }, 60_000);

  it('`tandem worker` as a process: one pass replays what ingests queued; SIGTERM stops it cleanly', async () => {
    const r = await servers[0]!.client.call('POST', '/api/ingest', { token, body: { persons: [{ system: 'crm', externalId: 'LATE', email: 'late@example.org', createdAt: ago(1) }] } });
    expect(r.json.personsReplayed).toBe(0);
    expect(await count('select count(*) as n from replay_queue')).toBe(1);
    const once = await spawnTandem(['--db', db.location, 'worker', '--once', '--json', '--no-nurture', '--no-digests'], {}).done;
    expect([once.code, once.stderr]).toEqual([0, '']);
    expect(JSON.parse(once.stdout)).toMatchObject({ replayed: 1, nurtureSent: null, digestsSent: null, problems: [] });
    expect(await count('select count(*) as n from replay_queue')).toBe(0);
    expect(await count("select count(*) as n from journeys j join identities i on i.person_id = j.person_id where i.external_id = 'LATE'")).toBe(1);

    const loop = spawnTandem(['--db', db.location, 'worker', '--interval', '1', '--json', '--no-nurture', '--no-digests'], {});
    await new Promise<void>((resolve) => loop.child.stdout!.once('data', () => resolve()));
    loop.child.kill('SIGTERM');
    const end = await loop.done;
    expect(end.code).toBe(0);
    expect(end.stderr).toContain('SIGTERM: stopping after the current pass');
  }, 30_000);
});
