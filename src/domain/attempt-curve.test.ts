import { describe, expect, it } from 'vitest';
import { loadContactPolicy } from '../config/load-contact-policy.js';
import type { ActivityType } from './activity-type.js';
import { attemptCurve } from './attempt-curve.js';
import type { AttemptHistory } from './attempt-curve.js';
import { attemptHistory } from './attempt-history.js';
import type { Activity, Opportunity, Person } from './entities.js';
import { wilson } from './wilson.js';

describe('wilson', () => {
  it.each([
    // successes, trials, low, high (95%, from the closed-form Wilson score interval)
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [1, 100, 0.0018, 0.0545],
  ])('%i of %i → [%f, %f]', (x, n, low, high) => {
    const w = wilson(x, n);
    expect(w.rate).toBeCloseTo(x / n, 12);
    expect(w.low!).toBeCloseTo(low, 4);
    expect(w.high!).toBeCloseTo(high, 4);
  });
  it('has no interval without trials', () => expect(wilson(0, 0)).toEqual({ rate: null, low: null, high: null }));
});

const h = (attempts: number, connectedAt: number | null, won = false): AttemptHistory => ({ attempts, connectedAt, won, wonAt: won ? attempts : null });

describe('attemptCurve', () => {
  // 100 people: 40 connect at attempt 1, 20 at 2, 5 at 3, 1 at 4; the rest never, after 4 attempts.
  const people = [
    ...Array.from({ length: 40 }, () => h(1, 1, true)),
    ...Array.from({ length: 20 }, () => h(2, 2)),
    ...Array.from({ length: 5 }, () => h(3, 3)),
    ...Array.from({ length: 1 }, () => h(4, 4)),
    ...Array.from({ length: 34 }, () => h(4, null)),
    h(0, null), // never attempted: not in the curve
  ];
  const curve = attemptCurve(people, { threshold: 0.1, minAtRisk: 20 });

  it('counts the chance of a first connection at attempt k among those not yet connected', () => {
    expect(curve.basis).toBe('connection');
    expect(curve.people).toBe(100);
    expect(curve.curve.map((p) => [p.attempt, p.atRisk, p.outcomes])).toEqual([[1, 100, 40], [2, 60, 20], [3, 40, 5], [4, 35, 1]]);
    expect(curve.curve[1]!.rate).toBeCloseTo(1 / 3, 12);
    expect(curve.curve[3]!.cumulativeShare).toBe(1);
  });

  it('groups people by attempts made, with connections and wins', () => {
    expect(curve.byAttempts.map((b) => [b.attempts, b.people, b.connected, b.won])).toEqual([[1, 40, 40, 40], [2, 20, 20, 0], [3, 5, 5, 0], [4, 35, 1, 0]]);
    expect(curve.byAttempts[0]!.winRate).toBe(1);
  });

  it('recommends stopping after the last attempt whose successors all fall below the threshold', () => {
    // Attempt 3: 12.5% ≥ 10%; attempt 4: 2.9% < 10%  →  a policy of 3 attempts keeps 65 of 66 connections.
    expect(curve.recommendation).toMatchObject({ attempts: 3, keepsShare: 65 / 66 });
    expect(curve.recommendation.chanceAfter).toBeCloseTo(1 / 35, 12);
    expect(curve.recommendation.text).toBe('After attempt 3 the chance of a connection at any further attempt is below 10.0% (at most 2.9%); a policy of 3 attempts keeps 98.5% of connections.');
  });

  it('ignores later attempts with too few people to judge', () => {
    const thin = attemptCurve([...people, ...Array.from({ length: 3 }, () => h(6, 6))], { threshold: 0.1, minAtRisk: 20 });
    expect(thin.recommendation.attempts).toBe(3);
  });

  it('falls back to wins when the data has no connection signal', () => {
    const c = attemptCurve([h(1, null, true), h(1, null), h(2, null, true), h(2, null)], { threshold: 0.5, minAtRisk: 1 });
    expect(c.basis).toBe('win');
    expect(c.byAttempts.every((b) => b.connected === null)).toBe(true);
    expect(c.curve.map((p) => [p.attempt, p.atRisk, p.outcomes])).toEqual([[1, 4, 1], [2, 2, 1]]);
  });
});

describe('attemptHistory', () => {
  const policy = loadContactPolicy();
  const person: Person = {
    id: 'p', email: null, firstName: null, lastName: null, company: null, accountId: null, owner: null, source: null, country: null,
    industry: null, title: null, createdAt: null, doNotCall: false, doNotEmail: false, attributes: { campaign: '4' },
  };
  let n = 0;
  const act = (type: ActivityType, day: number, actor: string | null = 'rep'): Activity => ({
    id: `a${++n}`, personId: 'p', source: 's', externalId: `x${n}`, type, occurredAt: `2024-01-${String(day).padStart(2, '0')}T10:00:00.000Z`, actor, stage: null, properties: {},
  });
  const won: Opportunity = {
    id: 'o', source: 's', externalId: 'o', personId: 'p', accountId: null, name: null, amountMinor: 100, currency: 'USD', stage: null,
    status: 'won', owner: null, createdAt: null, closedAt: '2024-01-05T12:00:00.000Z', attributes: {},
  };
  // The newsletter (no actor: the marketing platform sent it) is not an attempt.
  const acts = [act('email_sent', 1), act('email_sent', 1, null), act('call_attempt', 2), act('email_reply', 3), act('call_connect', 4), act('email_sent', 6)];

  it('a reply belongs to the attempts before it; a connecting call is itself an attempt', () => {
    expect(attemptHistory(policy, person, acts, [won], 'all', null)).toEqual({ attempts: 4, connectedAt: 2, won: true, wonAt: 3 });
    expect(attemptHistory(policy, person, acts, [], 'call', null)).toEqual({ attempts: 2, connectedAt: 2, won: false, wonAt: null });
    expect(attemptHistory(policy, person, acts, [], 'email', null)).toEqual({ attempts: 2, connectedAt: 1, won: false, wonAt: null });
  });

  it('reads the count from an attribute only where there are no attempt activities', () => {
    expect(attemptHistory(policy, person, [], [won], 'all', 'campaign')).toEqual({ attempts: 4, connectedAt: null, won: true, wonAt: 4 });
    expect(attemptHistory(policy, person, acts, [], 'all', 'campaign').attempts).toBe(4);
    expect(attemptHistory(policy, { ...person, attributes: { campaign: 'n/a' } }, [], [], 'all', 'campaign').attempts).toBe(0);
  });
});
