import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL_MODEL_PATH } from '../src/config/load-funnel-model.js';
import { signWebhook } from '../src/http/webhook-signature.js';
import { DIALECTS } from './dialects.js';
import { startApi } from './http-harness.js';
import type { Api } from './http-harness.js';

const SECRET = 'whsec_two_servers_0123456789abcdef';
const PERSONS = 300;
const BATCHES = 24;

/**
 * Batches that overlap: every person and activity is sent several times, to both servers;
 * one system names people by id, the other by email only, and the two must meet in one person.
 */
function batch(b: number) {
  const persons = [];
  const activities = [];
  const byEmail = b % 3 === 1;
  for (let k = 0; k < 60; k++) {
    const i = (b * 37 + k * 7) % PERSONS;
    const createdAt = `2024-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`;
    if (byEmail) persons.push({ system: 'mautic', email: `P${i}@Example.com`, leadSource: 'newsletter', createdAt });
    else persons.push({ system: 'crm', externalId: `P${i}`, email: `p${i}@example.com`, firstName: `Person ${i}`, createdAt });
    const person = byEmail ? { email: `p${i}@example.com` } : { externalId: `P${i}` };
    activities.push({ system: 'crm', externalId: `A${i}-${b % 4}`, person, type: b % 4 === 3 ? 'meeting' : 'email_open', occurredAt: `2024-02-${String((b % 4) + 1).padStart(2, '0')}T00:00:00Z` });
    if (i % 5 === 0) activities.push({ system: 'crm', externalId: `S${i}`, person: { email: `P${i}@EXAMPLE.com` }, type: 'stage_change', stage: 'sql', occurredAt: '2024-03-01T00:00:00Z' });
  }
  return { persons, activities };
}

describe.skipIf(!DIALECTS.includes('postgres'))('two servers on one PostgreSQL', () => {
  let a: Api;
  let b: Api;
  let db: pg.Client;
  const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].n);

  beforeAll(async () => {
    a = await startApi('postgres', 'socket', { webhookSecrets: { crm: SECRET } });
    b = await startApi('postgres', 'socket', { webhookSecrets: { crm: SECRET } }, a.db);
    db = new pg.Client({ connectionString: a.db.location });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await b?.close();
    await a?.close();
  });

  it('share tokens through the database: made on one, refused on both once revoked', async () => {
    const t = await a.client.call('POST', '/api/tokens', { token: a.tokens.viewer, body: { label: 'shared' } });
    expect((await b.client.call('GET', '/api/me', { token: t.json.secret })).status).toBe(200);
    await a.client.call('DELETE', `/api/tokens/${t.json.token.id}`, { token: a.tokens.viewer });
    expect((await b.client.call('GET', '/api/me', { token: t.json.secret })).status).toBe(401);
  });

  it('lose and duplicate nothing under concurrent, overlapping ingest, and leave every journey as a full replay would', async () => {
    const results = await Promise.all(
      Array.from({ length: BATCHES }, (_, i) => (i % 2 === 0 ? a : b).client.call('POST', '/api/ingest', { token: a.tokens.sales, body: batch(i) })),
    );
    for (const r of results) {
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      expect(r.json.rejected).toEqual([]);
    }
    const sent = new Set<string>();
    const humans = new Set<string>();
    const crmIds = new Set<string>();
    for (let i = 0; i < BATCHES; i++) {
      for (const p of batch(i).persons) {
        humans.add(p.email.toLowerCase());
        if ('externalId' in p && p.externalId) crmIds.add(p.externalId);
        sent.add('externalId' in p ? `crm:${p.externalId}#created` : `mautic:${p.email.toLowerCase()}#created`);
      }
      for (const x of batch(i).activities) sent.add(`crm:${x.externalId}`);
    }
    const personIds = humans;
    expect(await count('select count(*) as n from persons')).toBe(personIds.size);
    expect(await count("select count(*) as n from identities where source = 'crm'")).toBe(crmIds.size);
    expect(await count('select count(distinct email_norm) as n from persons')).toBe(personIds.size);
    expect(await count('select count(*) as n from activities')).toBe(sent.size);
    expect(results.reduce((n, r) => n + r.json.activitiesInserted, 0)).toBe(sent.size);

    const journeys = async () => (await db.query('select person_id, current_stage, current_since, reached_sql from journeys order by person_id')).rows;
    const incremental = await journeys();
    expect(incremental).toHaveLength(personIds.size);
    await a.services.replay(null);
    expect(await journeys()).toEqual(incremental);
  });

  it('accept a webhook delivery once even when it reaches both servers at the same time', async () => {
    const body = JSON.stringify({ persons: [{ externalId: 'W1', email: 'w1@example.com' }] });
    const ts = Math.floor(Date.now() / 1000);
    const headers = { 'x-tandem-timestamp': String(ts), 'x-tandem-signature': signWebhook(SECRET, ts, body) };
    const statuses = (await Promise.all([a, b, a, b].map((s) => s.client.call('POST', '/webhooks/crm', { raw: body, headers })))).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
  });

  it('adopt a proposal exactly once when marketing and sales approve on different servers at the same moment', async () => {
    const content = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8').replace('targetConversion: 0.3', 'targetConversion: 0.31');
    const p = await a.client.call('POST', '/api/proposals', { token: a.tokens.marketing, body: { kind: 'funnel', title: 'two servers', content } });
    expect(p.status).toBe(201);
    const [m, s] = await Promise.all([
      a.client.call('POST', `/api/proposals/${p.json.id}/approve`, { token: a.tokens.marketing }),
      b.client.call('POST', `/api/proposals/${p.json.id}/approve`, { token: a.tokens.sales }),
    ]);
    expect([m.status, s.status]).toEqual([200, 200]);
    expect((await b.client.call('GET', `/api/proposals/${p.json.id}`, { token: a.tokens.viewer })).json.status).toBe('adopted');
    expect(await count(`select count(*) as n from audit_log where action = 'proposal.adopted' and subject_id = '${p.json.id}'`)).toBe(1);
    expect((await a.client.call('GET', '/api/models/funnel', { token: a.tokens.viewer })).json.version).toBe(p.json.version);
  });
});
