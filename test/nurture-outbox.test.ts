import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../src/app/run-nurture.js';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { startSmtpSink } from './smtp-sink.js';
import type { SmtpSink } from './smtp-sink.js';
import { spawnTandem } from './tandem-process.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'follow-up');
const T0 = '2024-05-06T08:00:00.000Z';
const at = (days: number, hours = 0): string => new Date(Date.parse(T0) + (days * 24 + hours) * 3_600_000).toISOString();
const NAMES = ['سارة', 'Jon', 'مريم', 'Ana', 'Li', 'يوسف', 'Eva', 'Tom', 'نور', 'Ida', 'Max', 'Zoe', 'Kim', 'Ray', 'Uma', 'Ben', 'Ada', 'Lea', 'Ivo', 'Oli'];

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(DIALECTS)('nurture outbox on %s: real SMTP, two scheduler processes, a scheduler killed mid-send', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let smtp: SmtpSink;
  let dir: string;
  let env: Record<string, string>;

  async function enroll(people: string[][], day: number): Promise<void> {
    const tag = `d${day}`;
    writeFileSync(join(dir, `people-${tag}.csv`), stringify([
      ['id', 'email', 'first_name', 'last_name', 'company', 'owner', 'do_not_call', 'do_not_email', 'created'],
      ...people.map(([id, first]) => [id!, `${id}@example.org`, first!, 'Test', 'Co', 'sara', 'no', 'no', at(day - 30)]),
    ]));
    writeFileSync(join(dir, `acts-${tag}.csv`), stringify([
      ['id', 'person', 'type', 'at', 'actor', 'stage'],
      // Set unreachable in the CRM: enrolled in the program from that moment.
      ...people.map(([id]) => [`${id}-u`, id!, 'stage_change', at(day), 'crm', 'unreachable']),
    ]));
    await services.importFiles({ paths: [join(dir, `people-${tag}.csv`)], mapping: join(FIXTURES, 'people.yaml'), replay: false });
    await services.importFiles({ paths: [join(dir, `acts-${tag}.csv`)], mapping: join(FIXTURES, 'activities.yaml'), replay: false });
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    env = {
      TANDEM_SMTP_URL: smtp.url,
      TANDEM_MAIL_FROM: 'Acme <hello@acme.example>',
      TANDEM_UNSUBSCRIBE_URL: 'https://acme.example/u/{token}',
      TANDEM_MAIL_CONFIG: join(FIXTURES, 'mail.yaml'),
    };
    Object.assign(process.env, env);
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    dir = mkdtempSync(join(tmpdir(), 'tandem-outbox-'));
    await enroll(NAMES.map((n, i) => [`p${String(i).padStart(2, '0')}`, n]), 0);
  });
  afterAll(async () => {
    smtp.hold = null;
    await services?.close();
    await smtp?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('two schedulers running at once send every due step exactly once', async () => {
    // Hold the server's answers until both processes are mid-send: their runs certainly overlap.
    let release!: () => void;
    smtp.hold = new Promise((r) => (release = r));
    const a = spawnTandem(['--db', db.location, 'run', '--at', at(0, 1), '--format', 'json'], env);
    const b = spawnTandem(['--db', db.location, 'run', '--at', at(0, 1), '--format', 'json'], env);
    await until(() => smtp.messages.length >= 2, 'both schedulers to be sending');
    smtp.hold = null;
    release();
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect([ra.code, ra.stderr, rb.code, rb.stderr]).toEqual([0, '', 0, '']);
    const sa = JSON.parse(ra.stdout) as RunSummary;
    const sb = JSON.parse(rb.stdout) as RunSummary;
    const sentBy = (s: RunSummary) => s.messages.filter((m) => m.outcome === 'sent').length;
    expect(sentBy(sa)).toBeGreaterThan(0);
    expect(sentBy(sb)).toBeGreaterThan(0);
    expect(sentBy(sa) + sentBy(sb)).toBe(NAMES.length);

    const recipients = smtp.envelopes.flat();
    expect(recipients).toHaveLength(NAMES.length);
    expect(new Set(recipients).size).toBe(NAMES.length);
    const sent = await services.followUp.outbox({ statuses: ['sent'] });
    expect(sent).toHaveLength(NAMES.length);
    expect(new Set(sent.map((e) => e.claimedBy)).size).toBe(2);
    const arabic = smtp.to('p00@example.org')[0]!;
    expect(arabic.subject).toBe('سارة, is this still on your list?');

    // Both again, later the same day: nothing is due, nothing is sent.
    const again = await Promise.all([
      spawnTandem(['--db', db.location, 'run', '--at', at(0, 5), '--format', 'json'], env).done,
      spawnTandem(['--db', db.location, 'run', '--at', at(0, 5), '--format', 'json'], env).done,
    ]);
    expect(again.map((r) => (JSON.parse(r.stdout) as RunSummary).messages)).toEqual([[], []]);
    expect(smtp.messages).toHaveLength(NAMES.length);
  });

  it('a scheduler killed between sending and recording: the step is flagged unknown, never resent', async () => {
    await enroll([['kai', 'Kai']], 2);
    const before = smtp.messages.length;
    let release!: () => void;
    smtp.hold = new Promise((r) => (release = r));
    const received = smtp.nextData();
    const victim = spawnTandem(['--db', db.location, 'run', '--at', at(2, 1)], env);
    await received; // the server has the whole message; the scheduler waits for its answer
    victim.child.kill('SIGKILL');
    const end = await victim.done;
    expect(end.signal).toBe('SIGKILL');
    smtp.hold = null;
    release();
    expect(smtp.messages.length).toBe(before + 1);
    const [inFlight] = await services.followUp.outbox({ statuses: ['sending'] });
    expect(inFlight!.recipient).toBe('kai@example.org');

    // Within the lease nobody touches it; after it, the next run flags it and sends nothing.
    const soon = await services.followUp.run({ at: at(2, 1.1), dryRun: false });
    expect(soon.messages).toEqual([]);
    const later: RunSummary = await services.followUp.run({ at: at(2, 2), dryRun: false });
    expect(later.flaggedUnknown).toBe(1);
    expect(later.blocked).toBe(1);
    expect(later.messages).toEqual([]);
    const [flagged] = await services.followUp.outbox({ statuses: ['unknown'] });
    expect(flagged!.id).toBe(inFlight!.id);
    expect(flagged!.error).toMatch(/check whether it was sent/);

    // Still not resent when its next step would be due; a person's check lets the sequence go on.
    const blocked = await services.followUp.run({ at: at(17), dryRun: false });
    expect(blocked.messages.filter((m) => m.recipient === 'kai@example.org')).toEqual([]);
    expect(smtp.to('kai@example.org')).toHaveLength(1);
    expect(await services.followUp.resolveOutbox(flagged!.id, 'sent', 'test')).toBe(true);
    expect(await services.followUp.resolveOutbox(flagged!.id, 'sent', 'test')).toBe(false);
    const next = await services.followUp.run({ at: at(17), dryRun: false });
    expect(next.messages.filter((m) => m.recipient === 'kai@example.org').map((m) => [m.step, m.outcome])).toEqual([['useful-guide', 'sent']]);
    expect(smtp.to('kai@example.org').map((m) => m.subject)).toEqual(['Kai, is this still on your list?', 'A guide for Co']);
  });
});
