import { describe, expect, it } from 'vitest';
import { parseContactPolicy } from '../config/load-contact-policy.js';
import { loadContactPolicy } from '../config/load-contact-policy.js';
import type { ActivityType } from './activity-type.js';
import type { Activity } from './entities.js';
import { evaluatePolicyRun } from './policy-run.js';

const policy = loadContactPolicy();
const START = '2024-03-04T09:00:00.000Z'; // a Monday
const H = 3_600_000;
const t = (hours: number): string => new Date(Date.parse(START) + hours * H).toISOString();
const day = (d: number, hours = 0): string => t(d * 24 + hours);
const reachable = { doNotCall: false, doNotEmail: false };

let n = 0;
function act(type: ActivityType, at: string): Activity {
  n++;
  return { id: `a${n}`, personId: 'p', source: 'crm', externalId: `x${n}`, type, occurredAt: at, actor: 'rep', stage: null, properties: {} };
}

/** The six attempts of the default cadence, each on its day. */
const fullCadence = (): Activity[] => [
  act('call_attempt', day(0, 2)),
  act('email_sent', day(0, 3)),
  act('call_attempt', day(3)),
  act('email_sent', day(6)),
  act('call_attempt', day(10)),
  act('email_sent', day(12)),
];

describe('evaluatePolicyRun through time (default policy: 3 calls + 3 emails over 14 days, first touch in 24 h)', () => {
  it('awaits the first touch, due 24 hours after the hand-over', () => {
    const s = evaluatePolicyRun(policy, reachable, [], START, null, t(1));
    expect(s.status).toBe('awaiting-first-touch');
    expect(s.firstTouchDueAt).toBe(t(24));
    expect(s.nextStep).toEqual({ channel: 'call', attempt: 1, dueAt: t(24) });
    expect(s.slaBreached).toBe(false);
    expect([s.made, s.requiredTotal]).toEqual([0, 6]);
  });

  it('is overdue with the SLA breached once 24 hours pass untouched', () => {
    const s = evaluatePolicyRun(policy, reachable, [], START, null, t(25));
    expect(s.status).toBe('overdue');
    expect(s.overdueSince).toBe(t(24));
    expect(s.slaBreached).toBe(true);
  });

  it('a late first touch stays an SLA breach after it happens', () => {
    const s = evaluatePolicyRun(policy, reachable, [act('call_attempt', t(30))], START, null, t(31));
    expect(s.firstTouchAt).toBe(t(30));
    expect(s.slaBreached).toBe(true);
    expect(s.status).toBe('overdue'); // the day-0 email is still missing
    expect(s.nextStep).toEqual({ channel: 'email', attempt: 1, dueAt: t(24) });
  });

  it('is in cadence after a timely first touch: 1 of 6 made, the day-0 email next', () => {
    const s = evaluatePolicyRun(policy, reachable, [act('call_attempt', t(2))], START, null, t(3));
    expect(s.status).toBe('in-cadence');
    expect(s.slaBreached).toBe(false);
    expect(s.firstTouchAt).toBe(t(2));
    expect([s.made, s.requiredTotal]).toEqual([1, 6]);
    expect(s.nextStep).toEqual({ channel: 'email', attempt: 1, dueAt: t(24) });
  });

  it('is overdue when the day-3 call is not made by day 3', () => {
    const acts = [act('call_attempt', t(2)), act('email_sent', t(3))];
    expect(evaluatePolicyRun(policy, reachable, acts, START, null, day(2)).status).toBe('in-cadence');
    const s = evaluatePolicyRun(policy, reachable, acts, START, null, day(3, 1));
    expect(s.status).toBe('overdue');
    expect(s.nextStep).toEqual({ channel: 'call', attempt: 2, dueAt: day(3) });
    expect(s.overdueSince).toBe(day(3));
  });

  it('waits out the minimum span after the last attempt, then is exhausted at day 14', () => {
    const acts = fullCadence();
    const waiting = evaluatePolicyRun(policy, reachable, acts, START, null, day(13));
    expect(waiting.status).toBe('in-cadence');
    expect(waiting.nextStep).toBeNull();
    expect(waiting.exhaustedAt).toBe(day(14));
    expect([waiting.made, waiting.requiredTotal]).toEqual([6, 6]);
    const done = evaluatePolicyRun(policy, reachable, acts, START, null, day(14));
    expect(done.status).toBe('exhausted');
  });

  it('is exhausted at the last attempt when that comes after the span', () => {
    const acts = [...fullCadence().slice(0, 5), act('email_sent', day(20))];
    expect(evaluatePolicyRun(policy, reachable, acts, START, null, day(19)).status).toBe('overdue');
    const s = evaluatePolicyRun(policy, reachable, acts, START, null, day(21));
    expect(s.status).toBe('exhausted');
    expect(s.exhaustedAt).toBe(day(20));
  });

  it('is connected by a call that connects, and a connection at exhaustion wins over it', () => {
    const s = evaluatePolicyRun(policy, reachable, [act('call_attempt', t(2)), act('call_connect', day(3))], START, null, day(4));
    expect(s.status).toBe('connected');
    expect(s.connectedAt).toBe(day(3));
    const acts = [...fullCadence(), act('meeting', day(14))];
    expect(evaluatePolicyRun(policy, reachable, acts, START, null, day(15)).status).toBe('connected');
  });

  it('a reply after exhaustion does not undo it (that is the nurture program\'s business)', () => {
    const acts = [...fullCadence(), act('email_reply', day(16))];
    const s = evaluatePolicyRun(policy, reachable, acts, START, null, day(17));
    expect(s.status).toBe('exhausted');
    expect(s.exhaustedAt).toBe(day(14));
  });

  it('do-not-call removes the calls from what is required and counts a call as a breach', () => {
    const acts = [act('email_sent', t(1)), act('call_attempt', t(2)), act('email_sent', day(6)), act('email_sent', day(12))];
    const s = evaluatePolicyRun(policy, { doNotCall: true, doNotEmail: false }, acts, START, null, day(14));
    expect(s.required).toEqual({ call: 0, email: 3 });
    expect(s.optOutBreaches).toBe(1);
    expect(s.status).toBe('exhausted');
  });

  it('with both channels opted out nothing is due and the run is exhausted after the span', () => {
    const optedOut = { doNotCall: true, doNotEmail: true };
    const s = evaluatePolicyRun(policy, optedOut, [], START, null, day(5));
    expect(s.status).toBe('in-cadence');
    expect(s.nextStep).toBeNull();
    expect(s.firstTouchDueAt).toBeNull();
    expect(s.slaBreached).toBe(false);
    expect(evaluatePolicyRun(policy, optedOut, [], START, null, day(14)).status).toBe('exhausted');
  });

  it('ends when the person leaves the stage another way, and ignores activities after that', () => {
    const acts = [act('call_attempt', t(2)), act('call_attempt', day(3)), act('call_connect', day(5))];
    const s = evaluatePolicyRun(policy, reachable, acts, START, day(4), day(6));
    expect(s.status).toBe('ended');
    expect(s.attempts.call).toBe(2);
    expect(s.connectedAt).toBeNull();
  });

  it('a newsletter the marketing platform sent (no actor) is not an attempt, unless the policy counts automated sends', () => {
    const newsletter: Activity = { ...act('email_sent', t(2)), actor: null, source: 'hubspot' };
    expect(evaluatePolicyRun(policy, reachable, [newsletter], START, null, t(3)).made).toBe(0);
    const counting = { ...policy, automatedAttempts: true };
    expect(evaluatePolicyRun(counting, reachable, [newsletter], START, null, t(3)).made).toBe(1);
    const salesforceOnly = { ...counting, channels: counting.channels.map((c) => ({ ...c, sources: ['salesforce'] })) };
    expect(evaluatePolicyRun(salesforceOnly, reachable, [newsletter], START, null, t(3)).made).toBe(0);
  });

  it('gives the same state whatever order the activities come in (a store reads them by time; callers may not)', () => {
    const inOrder = fullCadence();
    const shuffled = [inOrder[3]!, inOrder[0]!, inOrder[5]!, inOrder[1]!, inOrder[4]!, inOrder[2]!];
    const expected = evaluatePolicyRun(policy, reachable, inOrder, START, null, day(20));
    expect(expected.status).toBe('exhausted');
    expect(evaluatePolicyRun(policy, reachable, shuffled, START, null, day(20))).toEqual(expected);
    // Mid-cadence the order decides which attempt is the k-th: still the same.
    const mid = evaluatePolicyRun(policy, reachable, shuffled.slice(0, 4), START, null, day(7));
    expect(mid).toEqual(evaluatePolicyRun(policy, reachable, [...shuffled.slice(0, 4)].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1)), START, null, day(7)));
    expect(mid.made).toBe(3); // the fourth (day 12) is after the evaluation time
  });

  it('ignores activities after the evaluation time', () => {
    const s = evaluatePolicyRun(policy, reachable, fullCadence(), START, null, day(1));
    expect(s.made).toBe(2);
  });

  it('counts the first-touch SLA in business hours when the policy names them', () => {
    const text = `
id: bh
firstTouch:
  within: { hours: 8 }
  businessHours: { timezone: Europe/Berlin, days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }
channels:
  call: { attempts: 1, count: [call_attempt] }
minimumSpan: { days: 1 }
`;
    const bh = parseContactPolicy(text, 'bh.yaml');
    // Friday 2024-03-08 16:00 in Berlin (UTC+1) = 15:00Z: 1 hour on Friday, 7 on Monday → Monday 16:00 Berlin.
    const friday = '2024-03-08T15:00:00.000Z';
    const s = evaluatePolicyRun(bh, reachable, [], friday, null, '2024-03-09T12:00:00.000Z');
    expect(s.firstTouchDueAt).toBe('2024-03-11T15:00:00.000Z');
    expect(s.status).toBe('awaiting-first-touch');
    expect(bh.calendar.hoursBetween(friday, '2024-03-11T15:00:00.000Z')).toBeCloseTo(8, 9);
  });

  it('across the daylight-saving change the business hours stay local', () => {
    const text = `
id: dst
firstTouch: { within: { hours: 2 }, businessHours: { timezone: Europe/Berlin } }
channels: { call: { attempts: 1, count: [call_attempt] } }
minimumSpan: { days: 1 }
`;
    const dst = parseContactPolicy(text, 'dst.yaml');
    // Friday 2024-03-29 16:30 CET (15:30Z): 30 min Friday, then Monday 2024-04-01 09:00 CEST (07:00Z) + 1.5 h.
    expect(dst.calendar.addHours('2024-03-29T15:30:00.000Z', 2)).toBe('2024-04-01T08:30:00.000Z');
  });
});
