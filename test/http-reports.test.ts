import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTION_MODELS } from '../src/domain/attribution-model.js';
import { DEFAULT_CONTACT_POLICY_PATH } from '../src/config/load-contact-policy.js';
import { DEMO_STORY } from '../src/demo/demo-story.js';
import { generateDemoExports } from '../src/demo/generate-demo-exports.js';
import { DIALECTS } from './dialects.js';
import { startApi } from './http-harness.js';
import type { Api, Reply } from './http-harness.js';

const AT = DEMO_STORY.reportAt;
const at = new Date(AT);
const QUALIFICATION = readFileSync(join(import.meta.dirname, '..', 'models', 'qualification.example.yaml'), 'utf8');

// The owner directory puts the demo's reps in teams, one named in Arabic (read once, when a queue first asks for a team).
const MAIL_DIR = mkdtempSync(join(tmpdir(), 'tandem-http-mail-'));
writeFileSync(join(MAIL_DIR, 'mail.yaml'), 'from: "Acme <sales@acme.example>"\nowners:\n  - { id: Omar Haddad, team: الشرق الأوسط }\n  - { id: Sarah Chen, team: AMER }\n');
process.env.TANDEM_MAIL_CONFIG = join(MAIL_DIR, 'mail.yaml');

/** The demo company's exports, written once for every dialect. */
let exportsDir: Promise<string> | null = null;
function demoExports(): Promise<string> {
  exportsDir ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-http-reports-'));
    await generateDemoExports(dir);
    return dir;
  })();
  return exportsDir;
}
afterAll(async () => {
  if (exportsDir) rmSync(await exportsDir, { recursive: true, force: true });
  rmSync(MAIL_DIR, { recursive: true, force: true });
  delete process.env.TANDEM_MAIL_CONFIG;
});

/** What the CLI prints with --format json: the use case's result through JSON. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Every report route with a query that exercises its parameters. */
const ROUTES = [
  `/api/reports/cohorts?by=quarter&at=${AT}`,
  `/api/reports/compare?a=2024-Q2&b=2024-Q4&at=${AT}`,
  `/api/reports/diagnose?from=2024-01-01&to=2024-06-30&at=${AT}`,
  `/api/reports/scorecard?period=2024-Q3..2024-Q4&at=${AT}`,
  `/api/reports/plan?revenue=3000000&period=2025-Q1&at=${AT}`,
  `/api/reports/follow-up?at=${AT}`,
  '/api/reports/attempts',
  `/api/reports/attribution?model=linear&by=team&at=${AT}`,
  '/api/reports/influence?by=team',
  '/api/reconcile?period=quarter',
  `/api/queues?at=${AT}`,
  `/api/queues/Omar%20Haddad/digest?at=${AT}`,
  '/api/persons/p_x/explain',
];

describe.each(DIALECTS)('report routes and joint sign-off of the qualification model and contact policy on %s', (dialect) => {
  let api: Api;
  const get = (url: string, who: keyof Api['tokens'] = 'viewer'): Promise<Reply> => api.client.call('GET', url, { token: api.tokens[who] });
  const post = (url: string, who: keyof Api['tokens'], body?: unknown): Promise<Reply> => api.client.call('POST', url, { token: api.tokens[who], body });

  beforeAll(async () => {
    api = await startApi(dialect, 'inject');
    await api.services.importFiles({ paths: [await demoExports()] });
  }, 240_000);
  afterAll(async () => {
    await api?.close();
  });

  it('lists every report in the catalogue and the OpenAPI document', async () => {
    const ids = (await get('/api/reports')).json.reports.map((r: { id: string }) => r.id);
    for (const id of ['funnel', 'cohorts', 'compare', 'diagnose', 'scorecard', 'plan', 'follow-up', 'attempts', 'attribution', 'influence', 'reconcile', 'queues', 'digest', 'explain']) expect(ids).toContain(id);
    const paths = Object.keys((await api.client.call('GET', '/openapi.json')).json.paths);
    for (const url of ROUTES) expect(paths).toContain(url.split('?')[0]!.replace('Omar%20Haddad', '{owner}').replace('p_x', '{id}'));
  });

  it('refuses every new route without a token', async () => {
    for (const url of ROUTES) {
      const r = await api.client.call('GET', url);
      expect(r.status, url).toBe(401);
      expect(r.json.error.code, url).toBe('UNAUTHORIZED');
    }
  });

  it('answers the accountability reports with the JSON of the use cases (the CLI’s --format json)', async () => {
    const cohorts = await get(`/api/reports/cohorts?by=quarter&at=${AT}`);
    expect(cohorts.status).toBe(200);
    expect(cohorts.json).toEqual(asJson(await api.services.cohortReport({ grain: 'quarter', from: null, to: null, split: null, at })));
    expect(cohorts.json.cohorts.map((c: { cohort: string }) => c.cohort)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);

    const compare = await get(`/api/reports/compare?a=2024-Q2&b=2024-Q4&at=${AT}`);
    expect(compare.json).toEqual(asJson(await api.services.compareReport({ a: '2024-Q2', b: '2024-Q4', by: null, at })));
    // The story: inquiries −90% (1,120 → 112), won deals ×3.
    expect(compare.json.change.stages.find((s: { id: string }) => s.id === 'inquiry').reached.absolute).toBe(112 - 1120);
    expect(compare.json.b.revenue.wonCount).toBe(3 * compare.json.a.revenue.wonCount);

    const diagnose = await get(`/api/reports/diagnose?period=2024-01-01..2024-06-30&at=${AT}`);
    const direct = await api.services.diagnose({ from: '2024-01-01', to: '2024-06-30', at });
    expect(diagnose.json).toEqual(asJson(direct));
    expect(Object.keys(diagnose.json)[0]).toBe('findings');
    expect(diagnose.json.findings[0]).toMatchObject({ transition: 'mql→sal', owner: 'sales' });
    expect((await get(`/api/reports/diagnose?from=2024-01-01&to=2024-06-30&at=${AT}`)).json).toEqual(diagnose.json);

    const scorecard = await get(`/api/reports/scorecard?period=2024-Q3..2024-Q4&goal=3000000&unit=person&at=${AT}`);
    expect(scorecard.json).toEqual(asJson(await api.services.scorecard({ period: '2024-Q3..2024-Q4', goal: 3_000_000, at })));

    const plan = await get(`/api/reports/plan?revenue=3000000&period=2025-Q1&history=2024-Q3..2024-Q4&at=${AT}`);
    expect(plan.status).toBe(200);
    expect(plan.json).toEqual(asJson(await api.services.plan({ revenue: 3_000_000, period: '2025-Q1', history: '2024-Q3..2024-Q4', at })));
  });

  it('answers follow-up, attempts, queues and digests as `tandem report follow-up`, `report attempts`, `queue` and `digest`', async () => {
    const followUp = await get(`/api/reports/follow-up?from=2024-07-01&at=${AT}`);
    expect(followUp.json).toEqual(asJson(await api.services.followUp.followUpReport({ from: '2024-07-01', to: null, at: AT })));
    // The demo's after-picture: 21 unreachable once the policy ran out, none given up early.
    expect(followUp.json.total).toMatchObject({ unreachableByPolicy: 21, unreachableEarly: 0 });

    const attempts = await get('/api/reports/attempts?threshold=0.1&minPeople=10');
    expect(attempts.json).toEqual(asJson(await api.services.followUp.attemptReport({ attemptsField: null, threshold: 0.1, minAtRisk: 10 })));

    const queue = await get(`/api/queues?at=${AT}`, 'admin');
    expect(queue.status).toBe(200);
    expect(queue.json).toEqual(asJson(await api.services.followUp.queue({ owner: null, at: AT })));
    expect(queue.json.items).toHaveLength(52);
    expect(queue.json.items.every((i: { status: string }) => i.status === 'overdue')).toBe(true);
    const owner = queue.json.items[0].owner as string;
    const mine = (await get(`/api/queues?owner=${encodeURIComponent(owner)}&at=${AT}`, 'sales')).json;
    expect(mine.items.length).toBe(queue.json.items.filter((i: { owner: string }) => i.owner === owner).length);
    expect(mine.items.every((i: { owner: string }) => i.owner === owner)).toBe(true);
    const team = 'الشرق الأوسط';
    const emea = (await get(`/api/queues?team=${encodeURIComponent(team)}&at=${AT}`)).json;
    expect(emea.team).toBe(team);
    const omar = queue.json.items.filter((i: { owner: string }) => i.owner === 'Omar Haddad');
    expect(omar.length).toBeGreaterThan(0);
    expect(emea.items).toEqual(omar);
    // Reps the directory gives no team work for the team owning the policy's start stage (sales), as in the follow-up report.
    const sales = (await get(`/api/queues?team=sales&at=${AT}`)).json;
    expect(sales.items).toEqual(queue.json.items.filter((i: { owner: string }) => i.owner !== 'Omar Haddad' && i.owner !== 'Sarah Chen'));
    expect(sales.items.length).toBeGreaterThan(0);

    const digest = await get(`/api/queues/${encodeURIComponent(owner)}/digest?at=${AT}`);
    const expected = (await api.services.followUp.digests({ owner, at: AT, send: false })).digests[0]!;
    expect(digest.json).toEqual(expected);
    expect(digest.json.overdue).toBe(mine.items.length);
    const md = await get(`/api/queues/${encodeURIComponent(owner)}/digest?at=${AT}&format=md`);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toBe(expected.markdown);
    const nobody = (await get(`/api/queues/Nobody/digest?at=${AT}`)).json;
    expect(nobody).toMatchObject({ owner: 'Nobody', overdue: 0, dueToday: 0, comingUp: 0 });
  });

  it('answers attribution (one model, or all), influence, reconcile and a person explanation', async () => {
    const linear = await get(`/api/reports/attribution?model=linear&by=team&from=2024-01-01&to=2024-12-31&at=${AT}`);
    const request = { by: 'team' as const, from: '2024-01-01', to: '2024-12-31', currency: null, halfLifeDays: null, basis: 'close' as const, at };
    expect(linear.json).toEqual(asJson(await api.services.attributionReport({ ...request, model: 'linear' })));
    const all = await get(`/api/reports/attribution?model=all&by=team&from=2024-01-01&to=2024-12-31&at=${AT}`);
    expect(all.json).toEqual(asJson(await api.services.compareAttributionModels({ ...request, models: ATTRIBUTION_MODELS })));
    expect((await get(`/api/reports/attribution?compareModels=true&by=team&from=2024-01-01&to=2024-12-31&at=${AT}`)).json).toEqual(all.json);

    const influence = await get('/api/reports/influence?by=channel&window=14');
    expect(influence.json).toEqual(asJson(await api.services.stageInfluence({ by: 'channel', from: null, to: null, windowDays: 14 })));

    const reconcile = await get('/api/reconcile?period=year');
    expect(reconcile.json).toEqual(asJson(await api.services.reconcile({ grain: 'year', from: null, to: null })));

    const person = (await get('/api/persons?q=susan.patel5')).json.persons[0].person;
    const explain = await get(`/api/persons/${person.id}/explain?at=${AT}`);
    expect(explain.status).toBe(200);
    expect(explain.json).toEqual(asJson(await api.services.explainPerson(person.id, { at, version: null })));
    expect(explain.json.person.email).toBe('susan.patel5@brightside-agency.example');
    expect(explain.json.timeline.transitions.length).toBeGreaterThan(0);
    expect((await get('/api/persons/p_nobody/explain')).status).toBe(404);
  });

  it('answers bad query parameters with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/reports/compare?a=2024-Q5&b=2024-Q4', 'querystring.a'],
      ['/api/reports/compare?a=2024-Q2', 'querystring.b'],
      ['/api/reports/cohorts?by=week', 'querystring.by'],
      ['/api/reports/cohorts?split=source;drop', 'querystring.split'],
      ['/api/reports/cohorts?period=2024-Q1&from=2024-01-01', 'querystring.period'],
      ['/api/reports/diagnose?from=2024-02-30', 'querystring.from'],
      ['/api/reports/scorecard?goal=-5', 'querystring.goal'],
      ['/api/reports/plan?period=2025-Q1', 'querystring.revenue'],
      ['/api/reports/plan?revenue=1e6&period=soon', 'querystring.period'],
      ['/api/reports/follow-up?at=yesterday', 'querystring.at'],
      ['/api/reports/attempts?threshold=2', 'querystring.threshold'],
      ['/api/reports/attribution?model=magic', 'querystring.model'],
      ['/api/reports/attribution?cohort=maybe', 'querystring.cohort'],
      ['/api/reports/influence?window=-1', 'querystring.window'],
      ['/api/reconcile?period=week', 'querystring.period'],
      ['/api/queues/x/digest?format=pdf', 'querystring.format'],
    ];
    for (const [url, field] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.json.error.code, url).toBe('BAD_INPUT');
      expect(r.json.error.message, url).toContain(field);
    }
    expect((await get('/api/reports/compare?a=2024-Q5&b=2024-Q4')).json.error.message).toMatch(/querystring\.a: "2024-Q5" is not a period/);
  });

  it('adopts a proposed qualification model only when marketing and sales both approved, replays, and logs each step', async () => {
    const funnelBefore = (await get(`/api/reports/funnel?at=${AT}`)).json.modelVersion as string;
    const created = await post('/api/proposals', 'marketing', { kind: 'qualification', title: 'The revised qualification model', content: QUALIFICATION });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json.version).toMatch(/^revised-2025@/);
    expect(created.json.baseVersion).toBe(null);
    // The attached backtest is `tandem model backtest` on all of history.
    const direct = await api.services.backtestModel(join(import.meta.dirname, '..', 'models', 'qualification.example.yaml'), { from: null, to: null, at: new Date(created.json.backtest.at) });
    expect(created.json.backtest.current).toBe(null);
    expect(created.json.backtest.candidate).toEqual(asJson(direct));
    expect(created.json.backtest.candidate.inquiries).toBeGreaterThan(1000);
    const broken = await post('/api/proposals', 'sales', { kind: 'qualification', title: 'broken', content: 'id: x\nprofile: 3\n' });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe('CONFIG_INVALID');

    const m = await post(`/api/proposals/${id}/approve`, 'marketing');
    expect(m.json).toMatchObject({ status: 'open', adopted: null });
    expect(m.json.signOff.waitingFor).toEqual(['sales']);
    expect((await get('/api/models/qualification/versions')).json.versions).toEqual([]);

    const s = await post(`/api/proposals/${id}/approve`, 'sales');
    expect(s.json.status).toBe('adopted');
    const versions = (await get('/api/models/qualification/versions')).json.versions;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: created.json.version, active: true, author: 'مريم (marketing) + Sam (sales)' });
    // The replay ran: reports now read the version keyed by the adopted qualification model.
    const funnelAfter = (await get(`/api/reports/funnel?at=${AT}`)).json.modelVersion as string;
    expect(funnelAfter).not.toBe(funnelBefore);
    expect(funnelAfter).toContain(created.json.version);
    expect(s.json.adopted.replayed).toBe((await get('/api/persons?limit=1')).json.total);

    const audit = (await get(`/api/audit?subject=${id}&sort=at`)).json.entries;
    expect(audit.map((e: { action: string; actorName: string }) => `${e.action} by ${e.actorName}`)).toEqual([
      'proposal.created by مريم (marketing)',
      'proposal.approved by مريم (marketing)',
      'proposal.approved by Sam (sales)',
      'proposal.adopted by Sam (sales)',
    ]);
    expect(audit.at(-1).before).toBe(null);
    expect(audit.at(-1).after).toMatchObject({ kind: 'qualification', version: created.json.version, replayedPersons: s.json.adopted.replayed });

    // Once a model is active, a candidate's backtest comes with the active model's beside it.
    const trial = await post('/api/models/qualification/backtest', 'sales', { content: QUALIFICATION.replace('points: 20', 'points: 25') });
    expect(trial.status).toBe(200);
    expect(trial.json.backtest.current.modelVersion).toBe(created.json.version);
    expect(trial.json.backtest.current.inquiries).toBe(trial.json.backtest.candidate.inquiries);
    expect(trial.json.backtest.candidate.modelVersion).toBe(trial.json.version);

    // Compare (the active model beside a stricter one) gives what the use case gives, and who moves.
    const stricter = QUALIFICATION.replace('points: 20', 'points: 5');
    const compared = await post('/api/models/qualification/compare', 'sales', { b: stricter, sample: 5 });
    expect(compared.status, compared.text).toBe(200);
    const directCompare = await api.services.compareModelTexts(null, stricter, { from: null, to: null, at: new Date(compared.json.a.at), sample: 5 });
    expect(compared.json.a.modelVersion).toBe(created.json.version);
    expect(compared.json.moved).toEqual(directCompare.moved);
    expect(compared.json.b.qualified).toBe(directCompare.b.qualified);
    expect(compared.json.b.qualified).toBeLessThanOrEqual(compared.json.a.qualified);
    expect((await post('/api/models/qualification/compare', 'sales', { b: 'id: x\nprofile: 3\n' })).status).toBe(400);
    // A backtest is heavy work: viewers read results, they do not start backtests.
    expect((await post('/api/models/qualification/compare', 'viewer', { b: stricter })).status).toBe(403);
  });

  it('adopts a proposed contact policy only with both teams, with its backtest attached', async () => {
    // First touch within 2 hours, then two calls and two emails over a week (the last step of each channel's cadence goes).
    const content = readFileSync(DEFAULT_CONTACT_POLICY_PATH, 'utf8')
      .replace('id: contact-default', 'id: contact-short')
      .replace('within: { hours: 24 }', 'within: { hours: 2 }')
      .replace(/attempts: 3/g, 'attempts: 2')
      .replace('minimumSpan: { days: 14 }', 'minimumSpan: { days: 7 }')
      .replace(/ {2}- \{ day: (10|14), channel: \w+ \}\n/g, '');
    const created = await post('/api/proposals', 'sales', { kind: 'contact-policy', title: 'Two calls and two emails', content });
    expect(created.status, created.text).toBe(201);
    const bt = created.json.backtest;
    // The current side is the follow-up report under the active policy at the same time.
    const current = (await get(`/api/reports/follow-up?at=${bt.at}`)).json;
    const before = current.policyVersion as string;
    expect(bt.current).toEqual({ policyVersion: before, total: current.total, nurtureEnrolled: current.nurture.enrolled });
    expect(bt.candidate.policyVersion).toBe(created.json.version);
    expect(bt.change.unreachableByPolicy).toBe(bt.candidate.total.unreachableByPolicy - bt.current.total.unreachableByPolicy);
    // The demo's reps touched half the hand-overs within 3 hours: a 2-hour SLA is missed more often.
    expect(bt.candidate.total.withinSla).toBeLessThan(bt.current.total.withinSla);
    expect(bt.change.withinSla).toBe(bt.candidate.total.withinSla - bt.current.total.withinSla);
    expect(bt.candidate.total.medianAttemptsBeforeUnreachable).toBeLessThan(bt.current.total.medianAttemptsBeforeUnreachable);

    const activePolicy = async () => (await get('/api/models/contact-policy/versions')).json.versions.find((v: { active: boolean }) => v.active)?.version ?? null;
    const activeBefore = await activePolicy();
    expect((await post(`/api/proposals/${created.json.id}/approve`, 'sales')).json.adopted).toBe(null);
    expect(await activePolicy()).toBe(activeBefore);
    const done = await post(`/api/proposals/${created.json.id}/approve`, 'marketing2');
    expect(done.json.status).toBe('adopted');
    expect(done.json.adopted.replayed).toBeGreaterThan(1000);
    expect(await activePolicy()).toBe(created.json.version);
    // The replay ran under it: reports read the version keyed by the new policy.
    expect((await get(`/api/reports/funnel?at=${AT}`)).json.modelVersion).toContain(created.json.version);
    expect((await get(`/api/reports/follow-up?at=${AT}`)).json.policyVersion).toBe(created.json.version);
    const audit = (await get(`/api/audit?subject=${created.json.id}&sort=at`)).json.entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['proposal.created', 'proposal.approved', 'proposal.approved', 'proposal.adopted']);
    expect(audit.at(-1).before.version).toBe(before);
  });
});
