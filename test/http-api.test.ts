import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL_MODEL_PATH } from '../src/config/load-funnel-model.js';
import { signWebhook } from '../src/http/webhook-signature.js';
import { DIALECTS, SHARED_DATA } from './dialects.js';
import { startApi, TRANSPORTS } from './http-harness.js';
import type { Api, Reply } from './http-harness.js';

const SECRET = 'whsec_0123456789abcdef0123456789';
const OLIST = join(SHARED_DATA, 'olist-marketing-funnel');

const persons = [
  { system: 'crm', externalId: 'P1', email: 'layla@example.com', firstName: 'ليلى', lastName: 'الحسن', company: 'شركة النور', leadSource: 'webinar', createdAt: '2024-01-05T10:00:00Z' },
  { system: 'crm', externalId: 'P2', email: 'omar@example.com', firstName: 'Omar', lastName: 'Haddad', leadSource: 'ads', createdAt: '2024-01-06T10:00:00+02:00' },
  { system: 'crm', externalId: 'P3', email: 'ines@example.com', firstName: 'Inès', lastName: 'Dupont', leadSource: 'ads', createdAt: '2024-02-01' },
];
const activities = [
  { system: 'crm', externalId: 'A1', person: { externalId: 'P1' }, type: 'stage_change', stage: 'mql', occurredAt: '2024-01-10T09:00:00Z' },
  { system: 'crm', externalId: 'A2', person: { email: 'LAYLA@example.com' }, type: 'stage_change', stage: 'sql', occurredAt: '2024-01-20T09:00:00Z' },
  { system: 'crm', externalId: 'A3', person: { externalId: 'P2' }, type: 'email_open', occurredAt: '2024-01-07T09:00:00Z' },
];
const opportunities = [{ system: 'crm', externalId: 'O1', person: { externalId: 'P1' }, amount: 250000, currency: 'USD', status: 'won', createdAt: '2024-02-01T00:00:00Z', closedAt: '2024-03-01T00:00:00Z' }];

/** The first rows of the real Olist exports, plus one row with a broken date. */
function olistSample(): FormData {
  const lines = (file: string) => readFileSync(join(OLIST, file), 'utf8').trim().split('\n');
  const leads = lines('olist_marketing_qualified_leads_dataset.csv').slice(0, 2001);
  const ids = new Set(leads.map((l) => l.split(',')[0]));
  const [header, ...deals] = lines('olist_closed_deals_dataset.csv');
  const form = new FormData();
  form.append('preset', 'olist');
  form.append('file', new Blob([[...leads, 'badrow1,not-a-date,x,social'].join('\n') + '\n']), 'leads.csv');
  form.append('file', new Blob([[header, ...deals.filter((d) => ids.has(d.split(',')[0]))].join('\n') + '\n']), '../../deals.csv');
  return form;
}

describe.each(DIALECTS.flatMap((d) => TRANSPORTS.map((t) => [d, t] as const)))('HTTP API on %s via %s', (dialect, transport) => {
  let api: Api;
  const call = (method: string, url: string, options?: Parameters<Api['client']['call']>[2]): Promise<Reply> => api.client.call(method, url, options);
  const as = (who: keyof Api['tokens']) => api.tokens[who];

  beforeAll(async () => {
    api = await startApi(dialect, transport, { webhookSecrets: { crm: SECRET } });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers health and readiness without a token, and serves its OpenAPI document and docs page', async () => {
    expect((await call('GET', '/health')).json).toEqual({ status: 'ok' });
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', database: dialect, pendingMigrations: [] });
    const doc = (await call('GET', '/openapi.json')).json;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/ingest', '/api/reports/funnel', '/api/proposals/{id}/approve', '/api/imports', '/webhooks/{source}', '/api/audit']) expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/ingest'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.components.schemas.PersonInput.properties.email).toBeDefined();
    const docs = await call('GET', '/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger');
  });

  it('refuses /api/ without a token, with an unknown one, and with the wrong role, in one error shape', async () => {
    const none = await call('GET', '/api/reports/funnel');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('UNAUTHORIZED');
    expect(none.json.error.message).toMatch(/bearer token is required/);
    const wrong = await call('GET', '/api/reports/funnel', { token: 'tdm_' + 'x'.repeat(43) });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toMatch(/unknown, revoked or expired/);
    const viewer = await call('POST', '/api/ingest', { token: as('viewer'), body: { persons } });
    expect(viewer.status).toBe(403);
    expect(viewer.json.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(viewer.json.error.message).toMatch(/needs the ingest permission/);
    expect((await call('GET', '/api/users', { token: as('marketing') })).status).toBe(403);
    expect((await call('GET', '/api/nope', { token: as('admin') })).json.error.code).toBe('NOT_FOUND');
  });

  it('ingests a batch, replays the persons it touched, and changes nothing when sent again', async () => {
    const first = await call('POST', '/api/ingest', { token: as('marketing'), body: { persons, activities, opportunities } });
    expect(first.status).toBe(200);
    expect(first.json.accepted).toEqual({ persons: 3, activities: 3, opportunities: 1 });
    expect(first.json.rejected).toEqual([]);
    // 3 activities + 3 lead_created + opportunity created and won.
    expect(first.json.activitiesInserted).toBe(8);
    expect(first.json.personsReplayed).toBe(3);
    const again = await call('POST', '/api/ingest', { token: as('sales'), body: { persons, activities, opportunities } });
    expect(again.json.activitiesInserted).toBe(0);
    const search = await call('GET', '/api/persons?limit=50', { token: as('viewer') });
    expect(search.json.total).toBe(3);
    const layla = search.json.persons.find((p: { person: { email: string } }) => p.person.email === 'layla@example.com');
    expect(layla.person.firstName).toBe('ليلى');
    expect(layla.currentStage).toBe('won');
    const detail = await call('GET', `/api/persons/${layla.person.id}`, { token: as('viewer') });
    expect(detail.json.transitions.map((t: { to: string }) => t.to)).toEqual(['inquiry', 'mql', 'sql', 'opportunity', 'won']);
    expect(detail.json.row.person.company).toBe('شركة النور');
  });

  it('lands the good items of a batch and names each bad one by index and field', async () => {
    const r = await call('POST', '/api/ingest', {
      token: as('sales'),
      body: {
        persons: [{ system: 'crm', externalId: 'P4', email: 'new@example.com', createdAt: '2024-03-01T00:00:00Z' }, { system: 'crm', email: 'not-an-email' }, { system: 'crm' }],
        activities: [
          { system: 'crm', externalId: 'A9', person: { externalId: 'NOBODY' }, type: 'meeting', occurredAt: '2024-03-02T00:00:00Z' },
          { system: 'crm', externalId: 'A10', person: { externalId: 'P4' }, type: 'teleport', occurredAt: '2024-03-02T00:00:00Z' },
          { system: 'crm', externalId: 'A11', person: { externalId: 'P4' }, type: 'meeting', occurredAt: 'yesterday' },
          { system: 'crm', externalId: 'A12', person: { externalId: 'P4' }, type: 'meeting', occurredAt: '2024-03-03T00:00:00Z' },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json.accepted).toEqual({ persons: 1, activities: 1, opportunities: 0 });
    const problems = r.json.rejected.map((e: { kind: string; index: number; field: string }) => `${e.kind}[${e.index}].${e.field}`);
    expect(problems).toEqual(['activities[0].person', 'activities[1].type', 'activities[2].occurredAt', 'persons[1].email', 'persons[2].externalId']);
    expect(r.json.rejected.find((e: { kind: string; index: number }) => e.kind === 'activities' && e.index === 0).message).toMatch(/no person with crm id NOBODY/);
  });

  it('answers bad input with a clear message naming the field', async () => {
    const single = await call('POST', '/api/ingest/persons', { token: as('marketing'), body: { system: 'crm', externalId: 'P9', createdAt: 'soon' } });
    expect(single.status).toBe(400);
    expect(single.json.error.code).toBe('BAD_INPUT');
    expect(single.json.error.message).toMatch(/createdAt/);
    const unknownField = await call('POST', '/api/ingest/persons', { token: as('marketing'), body: { system: 'crm', externalId: 'P9', favouriteColour: 'blue' } });
    expect(unknownField.json.error.message).toMatch(/favouriteColour/);
    const notJson = await call('POST', '/api/ingest', { token: as('marketing'), raw: '{"persons": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.message).toMatch(/not valid JSON/);
    const tooMany = await call('POST', '/api/ingest', { token: as('marketing'), body: { persons: Array.from({ length: 1001 }, (_, i) => ({ system: 'crm', externalId: `X${i}` })) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toMatch(/1000/);
    const badDate = await call('GET', '/api/reports/funnel?from=2024-13-01', { token: as('viewer') });
    expect(badDate.status).toBe(400);
    expect(badDate.json.error.details.issues[0].field).toBe('querystring.from');
    const ok = await call('POST', '/api/ingest/opportunities', { token: as('sales'), body: { system: 'crm', externalId: 'O2', person: { externalId: 'P2' }, status: 'lost', closedAt: '2024-04-01' } });
    expect(ok.status).toBe(200);
  });

  it('serves the funnel report, split and filtered', async () => {
    expect((await call('GET', '/api/reports', { token: as('viewer') })).json.reports.map((r: { id: string }) => r.id)).toContain('funnel');
    const r = await call('GET', '/api/reports/funnel?by=source&at=2024-06-01T00:00:00Z', { token: as('viewer') });
    expect(r.status).toBe(200);
    expect(r.json.stages.find((s: { id: string }) => s.id === 'inquiry').reached).toBe(4);
    expect(r.json.revenue.wonAmount).toBe(250000);
    expect(r.json.groups.map((g: { key: string }) => g.key)).toEqual(['(none)', 'ads', 'webinar']);
    const jan = await call('GET', '/api/reports/funnel?from=2024-01-01&to=2024-01-31', { token: as('viewer') });
    expect(jan.json.stages[0].reached).toBe(2);
  });

  it('accepts a signed webhook once, and refuses a bad signature, an old timestamp and a replay', async () => {
    const body = JSON.stringify({ persons: [{ externalId: 'W1', email: 'hook@example.com', createdAt: '2024-05-01T00:00:00Z' }] });
    const now = Math.floor(Date.now() / 1000);
    const headers = (ts: number, sig = signWebhook(SECRET, ts, body)) => ({ 'x-tandem-timestamp': String(ts), 'x-tandem-signature': sig });
    const ok = await call('POST', '/webhooks/crm', { raw: body, headers: headers(now) });
    expect(ok.status).toBe(200);
    expect(ok.json.accepted.persons).toBe(1);
    const replay = await call('POST', '/webhooks/crm', { raw: body, headers: headers(now) });
    expect(replay.status).toBe(409);
    expect(replay.json.error.message).toMatch(/already received/);
    const forged = await call('POST', '/webhooks/crm', { raw: body, headers: headers(now, signWebhook('another-secret-0123456789', now, body)) });
    expect(forged.status).toBe(401);
    expect(forged.json.error.code).toBe('SIGNATURE_INVALID');
    const tampered = await call('POST', '/webhooks/crm', { raw: body.replace('hook@', 'evil@'), headers: headers(now + 1, signWebhook(SECRET, now + 1, body)) });
    expect(tampered.status).toBe(401);
    const old = await call('POST', '/webhooks/crm', { raw: body, headers: headers(now - 3600) });
    expect(old.status).toBe(401);
    expect(old.json.error.message).toMatch(/replay/);
    expect((await call('POST', '/webhooks/crm', { raw: body })).status).toBe(401);
    expect((await call('POST', '/webhooks/nobody', { raw: body, headers: headers(now) })).status).toBe(404);
    const person = (await call('GET', '/api/persons?q=hook', { token: as('viewer') })).json;
    expect(person.total).toBe(1);
    expect(person.persons[0].person.source).toBe(null);
  });

  it('adopts a proposed funnel model only when marketing and sales both approved, and the audit log shows each step', async () => {
    const content = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8').replace('targetConversion: 0.3', 'targetConversion: 0.35');
    const before = (await call('GET', '/api/models/funnel', { token: as('viewer') })).json;
    const created = await call('POST', '/api/proposals', { token: as('marketing'), body: { kind: 'funnel', title: 'Raise the inquiry target', content } });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect(created.json.backtest.candidate.stages[0].reached).toBe(5);
    expect(created.json.signOff.waitingFor).toEqual(['marketing', 'sales']);
    const trial = await call('POST', '/api/models/funnel/backtest', { token: as('sales'), body: { content } });
    expect(trial.status).toBe(200);
    expect(trial.json.version).toBe(created.json.version);
    expect(trial.json.backtest.current.stages[0].reached).toBe(5);
    expect((await call('POST', '/api/models/funnel/backtest', { token: as('viewer'), body: { content } })).status).toBe(403);
    const bad = await call('POST', '/api/proposals', { token: as('marketing'), body: { kind: 'funnel', title: 'broken', content: 'id: x\nstages: 3\n' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('CONFIG_INVALID');

    const m = await call('POST', `/api/proposals/${id}/approve`, { token: as('marketing') });
    expect(m.status).toBe(200);
    expect(m.json.status).toBe('open');
    expect(m.json.adopted).toBe(null);
    expect(m.json.signOff.waitingFor).toEqual(['sales']);
    expect((await call('POST', `/api/proposals/${id}/approve`, { token: as('marketing2') })).json.status).toBe('open');
    expect((await call('POST', `/api/proposals/${id}/approve`, { token: as('marketing') })).status).toBe(409);
    expect((await call('POST', `/api/proposals/${id}/approve`, { token: as('viewer') })).status).toBe(403);
    expect((await call('POST', `/api/proposals/${id}/approve`, { token: as('admin') })).status).toBe(403);
    expect((await call('GET', '/api/models/funnel', { token: as('viewer') })).json.version).toBe(before.version);

    const s = await call('POST', `/api/proposals/${id}/approve`, { token: as('sales') });
    expect(s.status).toBe(200);
    expect(s.json.status).toBe('adopted');
    expect(s.json.adopted.replayed).toBe(5);
    const after = (await call('GET', '/api/models/funnel', { token: as('viewer') })).json;
    expect(after.version).toBe(s.json.version);
    expect(after.stages[0].targetConversion).toBe(0.35);
    const report = (await call('GET', '/api/reports/funnel', { token: as('viewer') })).json;
    // The replay version is the funnel model's plus each active signal provider's (contact policy, nurture).
    expect(report.modelVersion.split('+')[0]).toBe(after.version);
    expect(report.stages[0].reached).toBe(5);
    expect((await call('POST', `/api/proposals/${id}/approve`, { token: as('sales') })).status).toBe(409);
    const versions = (await call('GET', '/api/models/funnel/versions', { token: as('viewer') })).json.versions;
    expect(versions.find((v: { version: string }) => v.version === after.version).author).toBe('مريم (marketing) + Mark + Sam (sales)');

    const audit = (await call('GET', `/api/audit?subject=${id}&sort=at`, { token: as('viewer') })).json;
    expect(audit.entries.map((e: { action: string; actorName: string }) => `${e.action} by ${e.actorName}`)).toEqual([
      'proposal.created by مريم (marketing)',
      'proposal.approved by مريم (marketing)',
      'proposal.approved by Mark',
      'proposal.approved by Sam (sales)',
      'proposal.adopted by Sam (sales)',
    ]);
    const adopted = audit.entries.at(-1);
    expect(adopted.before.version).toBe(before.version);
    expect(adopted.after.version).toBe(after.version);
    expect(adopted.after.content).toContain('targetConversion: 0.35');

    const other = await call('POST', '/api/proposals', { token: as('sales'), body: { kind: 'funnel', title: 'same again', content } });
    expect(other.status).toBe(409);
    const rejectMe = await call('POST', '/api/proposals', { token: as('sales'), body: { kind: 'funnel', title: 'lower it', content: content.replace('0.35', '0.2') } });
    const rejected = await call('POST', `/api/proposals/${rejectMe.json.id}/reject`, { token: as('marketing'), body: { reason: 'too low' } });
    expect(rejected.json.status).toBe('rejected');
    expect((await call('GET', '/api/proposals?status=open', { token: as('viewer') })).json.proposals).toEqual([]);
  });

  it('lets admins manage users and tokens; a revoked token or disabled user stops working at once', async () => {
    const created = await call('POST', '/api/users', { token: as('admin'), body: { name: 'Nadia', role: 'viewer' } });
    expect(created.status).toBe(201);
    const tok = await call('POST', `/api/users/${created.json.id}/tokens`, { token: as('admin'), body: { label: 'laptop' } });
    expect(tok.status).toBe(201);
    expect(tok.json.secret).toMatch(/^tdm_/);
    expect((await call('GET', '/api/me', { token: tok.json.secret })).json.name).toBe('Nadia');
    const listed = (await call('GET', '/api/tokens', { token: as('admin') })).json.tokens;
    expect(JSON.stringify(listed)).not.toContain(tok.json.secret);
    expect(listed.find((t: { id: string }) => t.id === tok.json.token.id).prefix).toBe(tok.json.secret.slice(0, 12));
    expect((await call('PATCH', `/api/users/${created.json.id}`, { token: as('admin'), body: { role: 'sales' } })).json.role).toBe('sales');
    expect((await call('GET', '/api/me', { token: tok.json.secret })).json.role).toBe('sales');
    expect((await call('PATCH', `/api/users/${created.json.id}`, { token: as('admin'), body: { disabled: true } })).json.disabledAt).not.toBe(null);
    expect((await call('GET', '/api/me', { token: tok.json.secret })).status).toBe(401);
    expect((await call('POST', '/api/users', { token: as('admin'), body: { name: 'Nadia', role: 'viewer' } })).status).toBe(409);

    const own = await call('POST', '/api/tokens', { token: as('viewer'), body: {} });
    expect(own.status).toBe(201);
    expect((await call('DELETE', `/api/tokens/${api.tokenIds.marketing}`, { token: own.json.secret })).status).toBe(403);
    const revoked = await call('DELETE', `/api/tokens/${own.json.token.id}`, { token: as('viewer') });
    expect(revoked.json.revokedAt).not.toBe(null);
    const after = await call('GET', '/api/me', { token: own.json.secret });
    expect(after.status).toBe(401);
    expect(after.json.error.message).toMatch(/revoked/);
    const audit = (await call('GET', '/api/audit?action=token.revoked', { token: as('admin') })).json;
    expect(audit.entries[0].subjectId).toBe(own.json.token.id);
  });

  it('imports an uploaded CSV in the background, with progress and the rejected rows', async () => {
    const r = await call('POST', '/api/imports', { token: as('marketing'), form: olistSample() });
    expect(r.status).toBe(202);
    let run: Reply;
    for (let i = 0; ; i++) {
      run = await call('GET', `/api/imports/${r.json.runId}`, { token: as('viewer') });
      if (run.json.status !== 'running' || i > 200) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(run.json.status).toBe('done');
    expect(run.json.files).toEqual(['leads.csv', 'deals.csv']);
    expect(run.json.rowsRejected).toBe(1);
    const rejects = (await call('GET', `/api/imports/${r.json.runId}/rejects`, { token: as('viewer') })).json;
    expect(rejects.total).toBe(1);
    expect(rejects.rejects[0]).toMatchObject({ file: 'leads.csv', row: 2002, field: 'createdAt' });
    expect(rejects.rejects[0].reason).toMatch(/not-a-date/);
    const list = (await call('GET', '/api/imports', { token: as('viewer') })).json.runs;
    expect(list[0].id).toBe(r.json.runId);

    const unknown = new FormData();
    unknown.append('preset', '../../etc');
    unknown.append('file', new Blob(['a,b\n1,2\n']), 'x.csv');
    const refused = await call('POST', '/api/imports', { token: as('marketing'), form: unknown });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('PRESET_UNKNOWN');
    const noFile = new FormData();
    noFile.append('preset', 'olist');
    expect((await call('POST', '/api/imports', { token: as('marketing'), form: noFile })).json.error.message).toMatch(/no CSV file/);
    expect((await call('POST', '/api/imports', { token: as('viewer'), form: olistSample() })).status).toBe(403);
  });

  it('finds persons by text, stage and sort, and names an unknown one', async () => {
    const arabic = (await call('GET', `/api/persons?q=${encodeURIComponent('ليلى')}`, { token: as('viewer') })).json;
    expect(arabic.total).toBe(1);
    const won = (await call('GET', '/api/persons?stage=won&sort=-created', { token: as('viewer') })).json;
    expect(won.persons.every((p: { currentStage: string }) => p.currentStage === 'won')).toBe(true);
    const byEmail = (await call('GET', '/api/persons?q=example.com&sort=email', { token: as('viewer') })).json.persons.map((p: { person: { email: string } }) => p.person.email);
    expect(byEmail).toEqual([...byEmail].sort());
    const missing = await call('GET', '/api/persons/p_nobody', { token: as('viewer') });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('NOT_FOUND');
  });
});
