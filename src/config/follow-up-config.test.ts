import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { loadContactPolicy, parseContactPolicy } from './load-contact-policy.js';
import { loadNurtureProgram, parseNurtureProgram } from './load-nurture-program.js';
import { loadMailConfig } from './mail-config.js';

function failure(run: () => unknown): TandemError {
  try {
    run();
  } catch (e) {
    if (e instanceof TandemError) return e;
    throw e;
  }
  throw new Error('expected a TandemError');
}

const POLICY = `id: p
firstTouch:
  within: { hours: 24 }
channels:
  call: { attempts: 2, count: [call_attempt] }
minimumSpan: { days: 7 }
`;

describe('contact policy files', () => {
  it('the bundled default is valid and versioned by its content', () => {
    const p = loadContactPolicy();
    expect(p.version).toMatch(/^contact-default@[0-9a-f]{12}$/);
    expect(p.cadence).toHaveLength(6);
    expect(parseContactPolicy(POLICY, 'a.yaml').version).not.toBe(parseContactPolicy(`${POLICY}# a comment\n`, 'a.yaml').version);
  });

  it('spreads the attempts over the span when no cadence is written', () => {
    expect(parseContactPolicy(POLICY, 'a.yaml').cadence).toEqual([{ day: 0, channel: 'call' }, { day: 7, channel: 'call' }]);
  });

  it.each([
    [POLICY.replace('attempts: 2', 'attempts: two'), 'p.yaml:5', 'channels.call.attempts'],
    [POLICY.replace('call_attempt', 'phone_call'), 'p.yaml:5', 'channels.call.count.0'],
    [POLICY.replace('{ hours: 24 }', '{ minutes: 5 }'), 'p.yaml:3', 'firstTouch.within'],
    [`${POLICY}cadence:\n  - { day: 0, channel: call }\n`, 'p.yaml:8', 'cadence: plans 1 call step(s) but channels.call.attempts is 2'],
    [`${POLICY}cadence:\n  - { day: 0, channel: call }\n  - { day: 1, channel: email }\n  - { day: 2, channel: call }\n`, 'p.yaml:9', 'cadence.1.channel: email is not one of the policy\'s channels'],
    [POLICY.replace('minimumSpan', 'minimumSpam'), 'p.yaml:1', '(top level): Unrecognized key: "minimumSpam"'],
  ])('a bad file names the line and field (%#)', (text, where, field) => {
    const e = failure(() => parseContactPolicy(text, 'p.yaml'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(where);
    expect(e.message).toContain(`field ${field}`);
  });

  it('rejects an unknown time zone for business hours', () => {
    const text = POLICY.replace('within: { hours: 24 }', 'within: { hours: 24 }\n  businessHours: { timezone: Mars/Olympus }');
    expect(failure(() => parseContactPolicy(text, 'p.yaml')).message).toContain('Mars/Olympus');
  });
});

describe('nurture program files', () => {
  it('the bundled program is valid', () => {
    const p = loadNurtureProgram();
    expect(p.enrollStage).toBe('unreachable');
    expect(p.handBackTo).toBe('sal');
    expect(p.steps.map((s) => s.id)).toEqual(['still-relevant', 'useful-guide', 'last-note']);
  });

  it('an unknown person field in a template names the step, the field and the line in the body', () => {
    const text = `id: n
name: N
steps:
  - id: one
    subject: Hi {{firstName}}
    body: |
      Hello {{firstName}},
      about {{compnay}} ...
`;
    const e = failure(() => parseNurtureProgram(text, 'n.yaml'));
    expect(e.message).toContain('n.yaml:6: field steps.0.body: unknown field {{compnay}} on line 2 of the body');
  });

  it('a score rise needs points', () => {
    const text = 'id: n\nname: N\nsteps: [{ id: a, subject: s, body: b }]\nreengage: [{ scoreRise: 5 }]\n';
    expect(failure(() => parseNurtureProgram(text, 'n.yaml')).message).toContain('field score');
  });
});

describe('mail settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-mail-'));

  it('reads the file and lets the environment override it', () => {
    const file = join(dir, 'mail.yaml');
    writeFileSync(file, 'from: "A <a@x.example>"\nunsubscribe: { url: "https://x.example/u/{token}" }\nowners:\n  - { id: sara, email: sara@x.example, team: EMEA }\n');
    const c = loadMailConfig({ TANDEM_MAIL_CONFIG: file, TANDEM_SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(c.settings.from).toBe('A <a@x.example>');
    expect(c.smtp).toEqual({ url: 'smtp://127.0.0.1:2525' });
    expect(c.unsubscribeConfigured).toBe(true);
    expect(c.settings.owners).toEqual([{ id: 'sara', email: 'sara@x.example', team: 'EMEA' }]);
  });

  it('names the line and field of a bad setting', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'from: "A <a@x.example>"\nunsubscribe:\n  url: "https://x.example/u"\n');
    const e = failure(() => loadMailConfig({ TANDEM_MAIL_CONFIG: file }));
    expect(e.message).toContain('bad.yaml:3: field unsubscribe.url');
  });

  it('refuses an unsubscribe URL without a token slot', () => {
    expect(failure(() => loadMailConfig({ TANDEM_UNSUBSCRIBE_URL: 'https://x.example/u' })).place.field).toBe('TANDEM_UNSUBSCRIBE_URL');
  });
});
