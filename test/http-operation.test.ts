import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TandemError } from '../src/domain/errors.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { runCli } from '../src/cli/program.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { startApi } from './http-harness.js';
import type { Api } from './http-harness.js';

describe.each(DIALECTS)('operating the server on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('checks migrations at start: refuses a database that lacks them with --no-migrate, and says which', async () => {
    const db: TestDatabase = await freshDatabase(dialect);
    cleanup.push(() => db.drop());
    const refused = await openServices(db.location, { migrate: false }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TandemError);
    expect((refused as TandemError).code).toBe('SCHEMA_OUTDATED');
    expect((refused as TandemError).message).toMatch(/001-initial, 002-replay-queue, 003-server/);
    const migrated = await openServices(db.location);
    await migrated.close();
    const checked = await openServices(db.location, { migrate: false });
    expect(await checked.schemaStatus()).toEqual({ pending: [] });
    await checked.close();
  });

  it('shuts down gracefully: a request in flight is answered, new connections are refused', async () => {
    const api: Api = await startApi(dialect, 'socket');
    const { port } = new URL(api.base!);
    const body = JSON.stringify({ persons: [{ system: 'crm', externalId: 'G1', email: 'g1@example.com', createdAt: '2024-01-01T00:00:00Z' }] });
    const inFlight = new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString()));
      socket.on('close', () => resolve(received));
      socket.write(`POST /api/ingest HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ${api.tokens.marketing}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
      socket.write(body.slice(0, 10));
      setTimeout(() => socket.write(body.slice(10)), 300);
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = api.app.close();
    await new Promise((r) => setTimeout(r, 50));
    const refused = await fetch(`${api.base}/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    const reply = await inFlight;
    expect(reply).toMatch(/^HTTP\/1.1 200/);
    expect(reply).toContain('"persons":1');
    await closing;
    const persons = await api.services.searchPersons({ q: 'g1', stage: null, owner: null, source: null, sort: 'name', limit: 5, offset: 0 });
    expect(persons.total).toBe(1);
    await api.services.close();
    await api.db.drop();
  });

  it('creates, lists and revokes tokens from the command line; the secret is printed once and works', async () => {
    const db = await freshDatabase(dialect);
    cleanup.push(() => db.drop());
    const out: string[] = [];
    const err: string[] = [];
    const run = (...args: string[]) => runCli(['--db', db.location, ...args], { open: openServices, admin: storeAdmin, defaultDb: db.location, out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(await run('token', 'create', '--user', 'Noor', '--label', 'x')).toBe(67);
    expect(err.join('\n')).toMatch(/no user "Noor": give a role/);
    expect(await run('token', 'create', '--user', 'Noor', '--role', 'marketing', '--label', 'laptop')).toBe(0);
    const secret = out.pop()!;
    expect(secret).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
    expect(err.join('\n')).toMatch(/only time the secret is shown/);
    expect(await run('token', 'list', '--format', 'json')).toBe(0);
    const listed = JSON.parse(out.pop()!) as { id: string; prefix: string }[];
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed[0]!.prefix).toBe(secret.slice(0, 12));
    const api = await startApi(dialect, 'inject', {}, db);
    cleanup.push(async () => {
      await api.app.close();
      await api.services.close();
    });
    expect((await api.client.call('GET', '/api/me', { token: secret })).json).toMatchObject({ name: 'Noor', role: 'marketing' });
    expect(await run('token', 'revoke', listed[0]!.id)).toBe(0);
    expect((await api.client.call('GET', '/api/me', { token: secret })).status).toBe(401);
    expect(await run('token', 'create', '--user', 'Noor', '--role', 'sales')).toBe(75);
  });
});
