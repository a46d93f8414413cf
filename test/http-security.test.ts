import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../src/http/webhook-signature.js';
import { DIALECTS } from './dialects.js';
import { startApi } from './http-harness.js';
import type { Api, Reply } from './http-harness.js';

const SECRET = 'whsec_security_0123456789abcdef';

const INJECTIONS = [
  "' OR '1'='1",
  "x'); DROP TABLE persons; --",
  '1; DROP TABLE persons',
  '" OR 1=1 --',
  "%' OR 1=1 --",
  'source) from persons; --',
  "ليلى' UNION SELECT token_hash FROM api_tokens --",
  '\\',
];

/** Every filter and sort parameter of every route that reads the database. */
const PARAMETERS: [string, string][] = [
  ['/api/reports/funnel', 'from'],
  ['/api/reports/funnel', 'to'],
  ['/api/reports/funnel', 'by'],
  ['/api/reports/funnel', 'at'],
  ['/api/persons', 'q'],
  ['/api/persons', 'stage'],
  ['/api/persons', 'owner'],
  ['/api/persons', 'source'],
  ['/api/persons', 'sort'],
  ['/api/persons', 'limit'],
  ['/api/persons', 'offset'],
  ['/api/audit', 'from'],
  ['/api/audit', 'to'],
  ['/api/audit', 'actor'],
  ['/api/audit', 'action'],
  ['/api/audit', 'subject'],
  ['/api/audit', 'sort'],
  ['/api/audit', 'limit'],
  ['/api/proposals', 'status'],
  ['/api/imports', 'offset'],
];
const PATH_PARAMETERS = ['/api/persons/{}', '/api/proposals/{}', '/api/imports/{}', '/api/imports/{}/rejects', '/api/models/funnel/versions/{}', '/api/models/{}/versions'];

describe.each(DIALECTS)('API security on %s (real server on 127.0.0.1)', (dialect) => {
  let api: Api;
  const logs: string[] = [];
  const webDist = mkdtempSync(join(tmpdir(), 'tandem-web-'));
  const uploadDir = mkdtempSync(join(tmpdir(), 'tandem-uploads-'));
  const call = (method: string, url: string, options?: Parameters<Api['client']['call']>[2]): Promise<Reply> => api.client.call(method, url, options);

  beforeAll(async () => {
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Tandem</title>');
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    api = await startApi(dialect, 'socket', {
      logLevel: 'debug',
      logStream,
      bodyLimit: 64 * 1024,
      batchBodyLimit: 128 * 1024,
      uploadLimit: 100 * 1024,
      requestTimeoutMs: 1000,
      rateLimitAnonymous: 5,
      webhookSecrets: { crm: SECRET },
      webDist,
      uploadDir,
    });
    const persons = [
      { system: 'crm', externalId: 'S1', email: 'a@example.com', firstName: 'Ana', leadSource: 'ads', owner: 'Olga', createdAt: '2024-01-01T00:00:00Z' },
      { system: 'crm', externalId: 'S2', email: 'b@example.com', firstName: 'ليلى', leadSource: 'web', owner: 'Olga', createdAt: '2024-01-02T00:00:00Z' },
    ];
    expect((await call('POST', '/api/ingest', { token: api.tokens.marketing, body: { persons } })).status).toBe(200);
  });
  afterAll(async () => {
    await api?.close();
  });

  const personCount = async (): Promise<number> => (await api.services.searchPersons({ q: null, stage: null, owner: null, source: null, sort: 'name', limit: 1, offset: 0 })).total;

  it('treats SQL in every filter and sort parameter as data: a clear 400 or no match, never a 500, nothing dropped', async () => {
    for (const [path, param] of PARAMETERS) {
      for (const attack of INJECTIONS) {
        const r = await call('GET', `${path}?${param}=${encodeURIComponent(attack)}`, { token: api.tokens.admin });
        expect([200, 400], `${path}?${param}=${attack} → ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
        expect(r.text).not.toMatch(/syntax error|SQLITE_ERROR|sqlite3|relation .* does not exist|token_hash/i);
        if (r.status === 200 && path === '/api/persons') expect(r.json.total, `${param}=${attack}`).toBe(0);
        if (r.status === 400) expect(r.json.error.code).toBe('BAD_INPUT');
      }
    }
    for (const template of PATH_PARAMETERS) {
      for (const attack of INJECTIONS) {
        const r = await call('GET', template.replace('{}', encodeURIComponent(attack)), { token: api.tokens.admin });
        expect([400, 404], `${template} ${attack} → ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
      }
    }
    expect(await personCount()).toBe(2);
    const r = await call('GET', '/api/reports/funnel', { token: api.tokens.viewer });
    expect(r.json.stages[0].reached).toBe(2);
  });

  it('never lets a file name or a name in a path leave its folder', async () => {
    const marker = `pwned-${process.pid}-${Date.now()}.csv`;
    const form = new FormData();
    form.append('preset', 'olist');
    form.append('file', new Blob(['mql_id,first_contact_date,landing_page_id,origin\nm1,2018-01-01,x,social\n']), `../../../../../../tmp/${marker}`);
    const r = await call('POST', '/api/imports', { token: api.tokens.marketing, form });
    expect(r.status).toBe(202);
    for (let i = 0; i < 100 && (await call('GET', `/api/imports/${r.json.runId}`, { token: api.tokens.viewer })).json.status === 'running'; i++) await new Promise((res) => setTimeout(res, 50));
    const run = (await call('GET', `/api/imports/${r.json.runId}`, { token: api.tokens.viewer })).json;
    expect(run.files).toEqual([marker]);
    expect(existsSync(join('/tmp', marker))).toBe(false);
    for (const preset of ['../olist', '../../../etc', 'olist/../../x', '/etc/passwd']) {
      const f = new FormData();
      f.append('preset', preset);
      f.append('file', new Blob(['a\n1\n']), 'x.csv');
      const refused = await call('POST', '/api/imports', { token: api.tokens.marketing, form: f });
      expect(refused.status, preset).toBe(400);
      expect(refused.json.error.code).toBe('PRESET_UNKNOWN');
    }
    const body = '{}';
    const ts = Math.floor(Date.now() / 1000);
    const hook = await call('POST', `/webhooks/${encodeURIComponent('../../etc')}`, { raw: body, headers: { 'x-tandem-timestamp': String(ts), 'x-tandem-signature': signWebhook(SECRET, ts, body) } });
    expect(hook.status).toBe(400);
    expect((await call('GET', '/')).text).toContain('<title>Tandem</title>');
    for (const path of ['/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/docs/static/..%2f..%2f..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const res = await call('GET', path);
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.text).not.toMatch(/root:|"dependencies"/);
    }
  });

  it('refuses oversized bodies with 413 before reading them whole', async () => {
    const big = { system: 'crm', externalId: 'BIG', attributes: { blob: 'x'.repeat(3000) } };
    const single = await call('POST', '/api/ingest/persons', { token: api.tokens.marketing, raw: JSON.stringify({ ...big, pad: 'y'.repeat(70 * 1024) }) });
    expect(single.status).toBe(413);
    expect(single.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    const batch = await call('POST', '/api/ingest', { token: api.tokens.marketing, body: { persons: Array.from({ length: 60 }, (_, i) => ({ ...big, externalId: `B${i}` })) } });
    expect(batch.status).toBe(413);
    const form = new FormData();
    form.append('preset', 'olist');
    form.append('file', new Blob(['mql_id,first_contact_date,landing_page_id,origin\n' + 'm,2018-01-01,x,social\n'.repeat(8000)]), 'big.csv');
    const upload = await call('POST', '/api/imports', { token: api.tokens.marketing, form });
    expect(upload.status).toBe(413);
    expect(upload.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await personCount()).toBe(3);
  });

  it('cuts off a request that arrives too slowly (slow loris)', async () => {
    const { port } = new URL(api.base!);
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      socket.on('data', (d) => (received += d.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', () => resolve(received));
      socket.write(`POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${api.tokens.marketing}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
      const drip = setInterval(() => socket.writable && socket.write(' '), 200);
      socket.on('close', () => clearInterval(drip));
      setTimeout(() => {
        clearInterval(drip);
        socket.destroy();
        resolve('still open');
      }, 8000);
    });
    expect(outcome).not.toBe('still open');
    expect(outcome).toMatch(/^HTTP\/1.1 408/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps CORS off: no browser origin is allowed', async () => {
    const preflight = await call('OPTIONS', '/api/reports/funnel', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await call('GET', '/api/me', { token: api.tokens.viewer, headers: { origin: 'https://evil.example' } });
    expect(get.status).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the origins named with --cors-origin when CORS is turned on', async () => {
    const open = await startApi(dialect, 'inject', { corsOrigins: ['https://dash.example'] }, api.db);
    try {
      const allowed = await open.client.call('OPTIONS', '/api/me', { headers: { origin: 'https://dash.example', 'access-control-request-method': 'GET' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example');
      const other = await open.client.call('OPTIONS', '/api/me', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.app.close();
      await open.services.close();
    }
  });

  it('slows token guessing to a few tries a minute per address, while a real token still works', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await call('GET', '/api/me', { token: `tdm_guess${i}${'a'.repeat(40)}` })).status);
    }
    // Earlier tokenless /api/ requests of this suite count too: at most 5 guesses get an answer.
    expect(statuses[0]).toBe(401);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const limited = await call('GET', '/api/me');
    expect(limited.json.error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await call('GET', '/api/me', { token: api.tokens.viewer })).status).toBe(200);
  });

  it('never writes a token, a webhook signature or a secret to the log', async () => {
    const created = await call('POST', '/api/tokens', { token: api.tokens.sales, body: { label: 'log test' } });
    expect(created.status).toBe(201);
    await call('GET', '/api/me', { token: created.json.secret });
    const body = JSON.stringify({ persons: [{ externalId: 'L1', email: 'log@example.com' }] });
    const ts = Math.floor(Date.now() / 1000);
    const signature = signWebhook(SECRET, ts, body);
    expect((await call('POST', '/webhooks/crm', { raw: body, headers: { 'x-tandem-timestamp': String(ts), 'x-tandem-signature': signature } })).status).toBe(200);
    await call('GET', '/api/nope', { token: created.json.secret });
    const text = logs.join('');
    expect(text).toContain('incoming request');
    for (const secret of [created.json.secret, ...Object.values(api.tokens), signature, SECRET]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(4, 24));
    }
  });
});
