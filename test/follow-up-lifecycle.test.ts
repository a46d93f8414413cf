import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { followUpStory } from '../src/cli/follow-up-story.js';
import { openServices } from '../src/main/services.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { startSmtpSink } from './smtp-sink.js';
import type { SmtpSink } from './smtp-sink.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'follow-up');
const T0 = '2024-03-04T09:00:00.000Z'; // Monday: the hand-over
const at = (days: number, hours = 0): string => new Date(Date.parse(T0) + (days * 24 + hours) * 3_600_000).toISOString();

const PEOPLE = [
  ['id', 'email', 'first_name', 'last_name', 'company', 'owner', 'do_not_call', 'do_not_email', 'created'],
  ['lina', 'lina@example.com', 'لينا', 'حداد', 'شركة الأفق', 'sara', 'no', 'no', at(-3)],
  ['omar', 'omar@example.com', 'Omar', 'Said', 'Beta', 'sara', 'no', 'no', at(-3)],
  ['maya', 'maya@example.com', 'Maya', 'Ali', 'Gamma', 'ali', 'no', 'no', at(-3)],
  ['dana', 'dana@example.com', 'Dana', 'Noor', 'Delta', 'ali', 'yes', 'no', at(-3)],
  ['zed', 'zed@example.com', 'Zed', 'Khan', 'Epsilon', 'ali', 'no', 'no', at(-3)],
];

describe.each(DIALECTS)('contact policy → unreachable → nurture → back to sales, through time on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let store: OpenedStore;
  let smtp: SmtpSink;
  let dir: string;
  let batch = 0;
  const ids = new Map<string, string>();

  async function importActivities(rows: (string | null)[][]): Promise<void> {
    const file = join(dir, `activities-${++batch}.csv`);
    writeFileSync(file, stringify([['id', 'person', 'type', 'at', 'actor', 'stage'], ...rows.map((r, i) => [`b${batch}-${i}`, ...r])]));
    const r = await services.importFiles({ paths: [file], mapping: join(FIXTURES, 'activities.yaml'), replay: false });
    expect(r.rejected).toBe(0);
  }
  const call = (who: string, t: string) => [who, 'call_attempt', t, 'rep', null];
  const email = (who: string, t: string) => [who, 'email_sent', t, 'rep', null];

  async function transitionsOf(name: string) {
    return store.db.selectFrom('transitions').selectAll().where('person_id', '=', ids.get(name)!).orderBy('seq').execute();
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.TANDEM_SMTP_URL = smtp.url;
    process.env.TANDEM_MAIL_FROM = 'Acme Sales <sales@acme.example>';
    process.env.TANDEM_UNSUBSCRIBE_URL = 'https://acme.example/unsubscribe/{token}';
    process.env.TANDEM_MAIL_CONFIG = join(FIXTURES, 'mail.yaml');
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    store = await openStore(db.location);
    dir = mkdtempSync(join(tmpdir(), 'tandem-follow-up-'));
    writeFileSync(join(dir, 'people.csv'), stringify(PEOPLE));
    await services.importFiles({ paths: [join(dir, 'people.csv')], mapping: join(FIXTURES, 'people.yaml'), replay: false });
    await importActivities([
      ...PEOPLE.slice(1).map((p) => [p[0]!, 'stage_change', T0, 'marketing', 'sal']),
    ]);
    const q = await services.followUp.queue({ owner: null, at: at(0, 1) });
    for (const item of q.items) ids.set(item.email!.split('@')[0]!, item.personId);
  });
  afterAll(async () => {
    await services?.close();
    await store?.close();
    await smtp?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an hour after the hand-over everyone awaits a first touch, due within 24 hours; do-not-call starts with email', async () => {
    const q = await services.followUp.queue({ owner: null, at: at(0, 1) });
    expect(q.items.map((i) => [i.name, i.status, i.channel, i.dueAt])).toEqual([
      ['Dana Noor', 'awaiting-first-touch', 'email', at(1)],
      ['لينا حداد', 'awaiting-first-touch', 'call', at(1)],
      ['Maya Ali', 'awaiting-first-touch', 'call', at(1)],
      ['Omar Said', 'awaiting-first-touch', 'call', at(1)],
      ['Zed Khan', 'awaiting-first-touch', 'call', at(1)],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(q.items.find((i) => i.name === 'Dana Noor')!.required).toBe(3);
    const ali = await services.followUp.queue({ owner: 'ali', at: at(0, 1) });
    expect(ali.items.map((i) => i.name).sort()).toEqual(['Dana Noor', 'Maya Ali', 'Zed Khan']);
  });

  it('a day later the untouched are overdue (SLA breach) and listed first; a touched lead is in cadence', async () => {
    await importActivities([call('lina', at(0, 2)), email('lina', at(0, 3)), call('omar', at(0, 2)), call('zed', at(0, 4))]);
    const q = await services.followUp.queue({ owner: null, at: at(1, 1) });
    const view = q.items.map((i) => `${i.name}:${i.status}:${i.channel}#${i.attempt}`);
    expect(view).toEqual([
      'Dana Noor:overdue:email#1',
      'Maya Ali:overdue:call#1',
      'Omar Said:overdue:email#1', // touched in time, but the day-0 email is missing
      'Zed Khan:overdue:email#1',
      'لينا حداد:in-cadence:call#2',
    ]);
    expect(q.items[0]!.overdueHours).toBe(1);
    const lina = q.items.at(-1)!;
    expect([lina.made, lina.required, lina.dueAt]).toEqual([2, 6, at(3)]);
  });

  it('the daily digest lists each owner\'s people, overdue first, and is emailed once a day', async () => {
    const { digests, sent } = await services.followUp.digests({ owner: null, at: at(1, 1), send: true });
    expect(digests.map((d) => [d.owner, d.overdue, d.dueToday + d.comingUp])).toEqual([['ali', 3, 0], ['sara', 1, 1]]);
    const sara = digests.find((d) => d.owner === 'sara')!.markdown;
    expect(sara).toContain('# Follow-up for sara — 2024-03-05');
    expect(sara.indexOf('## Overdue')).toBeLessThan(sara.indexOf('Omar Said'));
    expect(sara).toContain('لينا حداد');
    expect(sent.map((m) => [m.recipient, m.outcome])).toEqual([['ali@acme.example', 'sent'], ['sara@acme.example', 'sent']]);
    const again = await services.followUp.digests({ owner: null, at: at(1, 5), send: true });
    expect(again.sent.map((m) => m.outcome)).toEqual(['claimed-elsewhere', 'claimed-elsewhere']);
    expect(smtp.to('sara@acme.example')).toHaveLength(1);
    expect(smtp.to('sara@acme.example')[0]!.text).toContain('لينا حداد');
  });

  it('a connection ends the policy; a lead set unreachable by hand is enrolled at once', async () => {
    await importActivities([
      ['omar', 'call_connect', at(3), 'rep', null],
      call('lina', at(3)), email('lina', at(6)), call('lina', at(10)), email('lina', at(12)),
      ['zed', 'stage_change', at(2), 'rep', 'unreachable'],
    ]);
    const r = await services.followUp.run({ at: at(13), dryRun: false });
    expect(r.messages.map((m) => `${m.recipient}:${m.step}:${m.outcome}`)).toEqual(['zed@example.com:still-relevant:sent']);
    const q = await services.followUp.queue({ owner: 'sara', at: at(13) });
    expect(q.items).toHaveLength(0); // Omar connected; Lina has made every attempt and waits out the span
    expect(q.waiting).toBe(1);
    expect((await transitionsOf('lina')).at(-1)!.to_stage).toBe('sal');
  });

  it('at day 14 the exhausted policy makes Lina unreachable (reason: the policy version) and the program writes to her', async () => {
    const policy = await services.followUp.contactPolicy();
    const r = await services.followUp.run({ at: at(14), dryRun: false });
    expect(r.messages.map((m) => `${m.recipient}:${m.step}:${m.outcome}`)).toEqual(['lina@example.com:still-relevant:sent']);
    const last = (await transitionsOf('lina')).at(-1)!;
    expect(last).toMatchObject({ from_stage: 'sal', to_stage: 'unreachable', at: at(14), reason: `policy:${policy.version}` });
    expect(last.model_version).toContain(policy.version);
    // The reason's version can be looked up: the policy in force is kept in the model store.
    const kept = await store.db.selectFrom('model_versions').select(['kind', 'content']).where('version', '=', policy.version).executeTakeFirstOrThrow();
    expect(kept.kind).toBe('contact-policy');
    expect(kept.content).toContain('id: contact-default');

    const [mail] = smtp.to('lina@example.com');
    expect(mail!.subject).toBe('لينا, is this still on your list?');
    expect(mail!.text).toContain('Hi لينا,');
    expect(mail!.text).toContain('**شركة الأفق**');
    expect(mail!.html).toContain('<strong>شركة الأفق</strong>');
    expect(mail!.from!.text).toBe('"Acme Sales" <sales@acme.example>');
    const unsubscribe = mail!.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r\n\s+/g, ' ');
    const token = /https:\/\/acme\.example\/unsubscribe\/([\w-]+)/.exec(unsubscribe)?.[1];
    expect(token).toBeTruthy();
    expect(unsubscribe).toContain(`mailto:unsubscribe@acme.example?subject=unsubscribe%20${token}`);
    expect(mail!.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toContain('List-Unsubscribe=One-Click');
    expect(mail!.html).toContain(`href="https://acme.example/unsubscribe/${token}"`);
    expect(mail!.text).toContain(`To stop these emails: https://acme.example/unsubscribe/${token}`);
    // Maya was never touched: the policy was not followed, so she is not unreachable — she is overdue.
    const maya = (await services.followUp.queue({ owner: 'ali', at: at(14) })).items.find((i) => i.name === 'Maya Ali')!;
    expect(maya.status).toBe('overdue');
  });

  it('runs again the same day send nothing more: each step once', async () => {
    const before = smtp.messages.length;
    const r = await services.followUp.run({ at: at(14, 3), dryRun: false });
    expect(r.messages).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });

  it('an unsubscribe stops Zed\'s messages; Lina gets the second step 14 days after the first', async () => {
    const zedMail = smtp.to('zed@example.com')[0]!;
    const token = /unsubscribe\/([\w-]+)/.exec(zedMail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!;
    expect(await services.followUp.unsubscribe(token, at(20))).toEqual({ personId: ids.get('zed') });
    const dry = await services.followUp.run({ at: at(27, 23), dryRun: true });
    expect(dry.messages).toEqual([]); // Lina's second step is due at day 28
    const r = await services.followUp.run({ at: at(28), dryRun: false });
    expect(r.messages.map((m) => `${m.recipient}:${m.step}:${m.outcome}`)).toEqual(['lina@example.com:useful-guide:sent']);
    expect(r.exited).toBe(1);
    expect(smtp.to('zed@example.com')).toHaveLength(1);
  });

  it('a click re-engages Lina: unreachable → recycled → sal, her owner is told, and she tops the queue', async () => {
    const program = (await services.followUp.nurtureProgram())!;
    await importActivities([['lina', 'email_click', at(30), null, null]]);
    const r = await services.followUp.run({ at: at(30, 1), dryRun: false });
    expect(r.messages.map((m) => `${m.kind}:${m.recipient}:${m.outcome}`)).toEqual(['handback:sara@acme.example:sent']);
    const moves = (await transitionsOf('lina')).map((t) => `${t.from_stage}→${t.to_stage}@${t.at}:${t.reason}`);
    expect(moves.slice(-3)).toEqual([
      `sal→unreachable@${at(14)}:policy:${(await services.followUp.contactPolicy()).version}`,
      `unreachable→recycled@${at(30)}:nurture:${program.version}:re-engaged:email_click`,
      `recycled→sal@${at(30)}:nurture:${program.version}:returned`,
    ]);
    const note = smtp.to('sara@acme.example').find((m) => m.subject?.startsWith('Back to you'))!;
    expect(note.subject).toBe('Back to you: لينا حداد re-engaged (email_click)');
    const q = await services.followUp.queue({ owner: 'sara', at: at(30, 2) });
    expect(q.items.map((i) => [i.name, i.status, i.returned, i.dueAt])).toEqual([['لينا حداد', 'awaiting-first-touch', true, at(31)]]);
    const state = (await services.followUp.personState('LINA@example.com', at(31, 1)))!;
    expect(state.runs.map((r) => r.state.status)).toEqual(['exhausted', 'overdue']);
    expect(state.enrollments.map((e) => [e.state.enrolledAt, e.state.reengagedAt, e.state.reengagedBy])).toEqual([[at(14), at(30), 'email_click']]);
    expect(state.currentStage).toBe('sal');
    expect(await services.followUp.personState('nobody@example.com', at(31))).toBeNull();
    // No further nurture step once she is back with sales.
    const later = await services.followUp.run({ at: at(60), dryRun: false });
    expect(later.messages.filter((m) => m.recipient === 'lina@example.com')).toEqual([]);
  });

  it('the follow-up report shows compliance per owner and team, and what the program brought back', async () => {
    const file = join(dir, 'deals.csv');
    writeFileSync(file, stringify([['id', 'person', 'amount', 'currency', 'status', 'created', 'closed', 'owner'], ['d1', 'lina', '250000', 'USD', 'won', at(40), at(70), 'sara']]));
    await services.importFiles({ paths: [file], mapping: join(FIXTURES, 'deals.yaml'), replay: false });
    // Asked about a past time, the queue shows who was to be contacted then, not who is now.
    const past = await services.followUp.queue({ owner: 'sara', at: at(30, 2) });
    expect(past.items.map((i) => i.name)).toEqual(['لينا حداد']);
    expect((await services.followUp.queue({ owner: 'sara', at: at(80) })).items).toEqual([]);
    const r = await services.followUp.followUpReport({ from: null, to: null, at: at(80) });
    const sara = r.byOwner.find((o) => o.group === 'sara')!;
    const ali = r.byOwner.find((o) => o.group === 'ali')!;
    expect(sara).toMatchObject({ runs: 3, touched: 2, slaDue: 3, withinSla: 2, connected: 1, unreachableByPolicy: 1, unreachableEarly: 0, medianAttemptsBeforeUnreachable: 6 });
    expect(sara.medianHoursToFirstTouch).toBe(2);
    // Zed was set unreachable by hand after one call: "early". Maya and Dana were never touched.
    expect(ali).toMatchObject({ runs: 3, touched: 1, slaDue: 3, withinSla: 1, unreachableByPolicy: 0, unreachableEarly: 1, medianAttemptsBeforeUnreachable: 1, openOverdue: 2 });
    expect(r.byTeam.map((t) => [t.group, t.runs])).toEqual([['EMEA', 3], ['GCC', 3]]);
    expect(r.nurture).toMatchObject({ enrolled: 2, reengaged: 1, returnedToSales: 1, laterWon: 1, messagesSent: 3, exited: 1, needsCheck: 0 });
    expect(r.nurture.revenue).toEqual([{ currency: 'USD', amount: 250000 }]);
    expect(r.nurture.reengagedBy).toEqual({ email_click: 1 });
  });

  it('tells the story in a few lines for the demo', async () => {
    const lines = await followUpStory(services, { db: 'x.db', at: new Date(at(80)), before: { from: '2024-01-01', to: '2024-03-03' }, after: { from: '2024-03-04', to: '2024-12-31' } });
    expect(lines[1]).toBe('  first touch within the SLA — → 50.0%; median time to first touch — → 2 h.');
    expect(lines[2]).toBe('  after: 1 unreachable once the policy ran out (median 3.5 attempts), 1 given up early; the nurture program re-engaged 1 (email_click 1) and returned 1 to sales.');
    expect(lines[3]).toMatch(/^ {2}at 2024-05-23: 2 to contact \(2 overdue\) — tandem queue --db x\.db --at 2024-05-23$/);
  });
});
