import { describe, expect, it } from 'vitest';
import { loadNurtureProgram } from '../config/load-nurture-program.js';
import type { ActivityType } from './activity-type.js';
import type { Activity } from './entities.js';
import { evaluateEnrollment } from './nurture-enrollment.js';

const program = loadNurtureProgram();
const IN = '2024-09-01T00:00:00.000Z';
const day = (d: number): string => new Date(Date.parse(IN) + d * 86_400_000).toISOString();
let n = 0;
const act = (type: ActivityType, at: string): Activity => ({ id: `a${++n}`, personId: 'p', source: 'hubspot', externalId: `x${n}`, type, occurredAt: at, actor: null, stage: null, properties: {} });
const person = { email: 'p@example.org', doNotEmail: false };

describe('evaluateEnrollment', () => {
  it('an enrolled person with nothing happening stays enrolled', () => {
    expect(evaluateEnrollment(program, person, [act('email_sent', day(1))], IN, null, day(30))).toMatchObject({ reengagedAt: null, exitedAt: null });
  });

  it.each([
    ['an email opt-out', { email: 'p@example.org', doNotEmail: true }, [], 'opted-out', IN],
    ['no address', { email: null, doNotEmail: false }, [], 'no-email', IN],
    ['an unsubscribe', person, [act('unsubscribe', day(3))], 'activity:unsubscribe', day(3)],
    ['a bounce', person, [act('email_bounce', day(2))], 'bounced', day(2)],
  ])('%s stops the messages', (_what, who, acts, reason, at) => {
    const e = evaluateEnrollment(program, who, acts, IN, null, day(30));
    expect([e.exitReason, e.exitedAt]).toEqual([reason, at]);
  });

  it('a person whose messages stopped can still re-engage (a form fill after an unsubscribe)', () => {
    const e = evaluateEnrollment(program, person, [act('unsubscribe', day(3)), act('form_fill', day(9))], IN, null, day(30));
    expect([e.exitReason, e.reengagedAt, e.reengagedBy]).toEqual(['activity:unsubscribe', day(9), 'form_fill']);
  });

  it('what caused the enrollment, or happened after leaving or after the evaluation time, does not count', () => {
    expect(evaluateEnrollment(program, person, [act('email_click', IN)], IN, null, day(30)).reengagedAt).toBeNull();
    expect(evaluateEnrollment(program, person, [act('email_click', day(5))], IN, day(4), day(30)).reengagedAt).toBeNull();
    expect(evaluateEnrollment(program, person, [act('email_click', day(5))], IN, null, day(4)).reengagedAt).toBeNull();
  });

  it('an activity at the very moment the person left (it moved them) still counts', () => {
    expect(evaluateEnrollment(program, person, [act('form_fill', day(5))], IN, day(5), day(30)).reengagedBy).toBe('form_fill');
  });
});
