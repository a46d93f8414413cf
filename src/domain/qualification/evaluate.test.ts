import { describe, expect, it } from 'vitest';
import type { ActivityType } from '../activity-type.js';
import type { Activity, Person } from '../entities.js';
import { compileModel } from './compiled-model.js';
import { evaluate, peakUntil } from './evaluate.js';
import type { QualificationModel } from './qualification-model.js';
import { QualificationProvider } from './qualification-provider.js';
import type { Condition, Rule } from './rule.js';
import { prepare, scoreAt } from './score.js';

const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const iso = (days: number): string => new Date(T0 + days * DAY).toISOString();

function person(over: Partial<Person> = {}): Person {
  return {
    id: 'p1', email: 'a@acme.com', firstName: null, lastName: null, company: null, accountId: null, owner: null,
    source: 'webinar', country: 'EG', industry: 'Software', title: 'VP Sales', createdAt: iso(0), doNotCall: false,
    doNotEmail: false, attributes: { employees: '250', lead_quality: 'High in Relevance' }, ...over,
  };
}

let n = 0;
function act(type: ActivityType, days: number, properties: Record<string, string> = {}): Activity {
  n++;
  return { id: `a${n}`, personId: 'p1', source: 'test', externalId: `x${n}`, type, occurredAt: iso(days), actor: null, stage: null, properties };
}

const rule = (name: string, when: Condition, points: number, extra: Partial<Rule> = {}): Rule => ({
  name, when, points, mode: 'once', max: null, halfLifeDays: null, ...extra,
});

function model(profile: Rule[], engagement: Rule[], mql = { fit: 0, total: 0 }): QualificationModel {
  return { id: 't', version: 't@1', profile: { rules: profile, grades: { A: 60, B: 40, C: 20 } }, engagement: { rules: engagement }, thresholds: { mql } };
}

describe('field tests', () => {
  const cases: [string, Condition, boolean][] = [
    ['eq ignores case and spaces', { kind: 'field', field: 'industry', eq: ' software ' }, true],
    ['in', { kind: 'field', field: 'country', in: ['US', 'eg'] }, true],
    ['notIn', { kind: 'field', field: 'country', notIn: ['EG'] }, false],
    ['neq on an absent value holds', { kind: 'field', field: 'nothing_here', neq: 'x' }, true],
    ['eq on an absent value fails', { kind: 'field', field: 'nothing_here', eq: 'x' }, false],
    ['numeric gte on imported text', { kind: 'field', field: 'employees', gte: 200 }, true],
    ['numeric range (all operators hold)', { kind: 'field', field: 'employees', gt: 100, lt: 250 }, false],
    ['text lt compares as text (dates)', { kind: 'field', field: 'createdAt', lt: '2024-02-01' }, true],
    ['matches is case-sensitive by default', { kind: 'field', field: 'title', matches: { pattern: '^vp', ignoreCase: false } }, false],
    ['matches with ignoreCase', { kind: 'field', field: 'title', matches: { pattern: '^vp', ignoreCase: true } }, true],
    ['exists', { kind: 'field', field: 'lead_quality', exists: true }, true],
    ['exists false on blank', { kind: 'field', field: 'company', exists: false }, true],
    ['boolean field', { kind: 'field', field: 'doNotEmail', eq: false }, true],
    ['snake_case name of a person field', { kind: 'field', field: 'do_not_email', eq: 'no' }, true],
    ['not / any / all', { kind: 'not', of: { kind: 'any', of: [{ kind: 'field', field: 'country', eq: 'US' }, { kind: 'all', of: [{ kind: 'field', field: 'industry', eq: 'software' }, { kind: 'field', field: 'source', eq: 'webinar' }] }] } }, false],
  ];
  it.each(cases)('%s', (_name, when, expected) => {
    const cm = compileModel(model([rule('r', when, 10)], []));
    const s = scoreAt(cm, prepare(cm, { person: person(), activities: [] }), T0);
    expect(s.fit).toBe(expected ? 10 : 0);
  });

  it('reads account fields', () => {
    const cm = compileModel(model([rule('big', { kind: 'field', field: 'account.employees', gte: 1000 }, 10)], []));
    const p = prepare(cm, { person: person(), account: { domain: 'acme.com', name: 'Acme', attributes: { employees: '5000' } }, activities: [] });
    expect(scoreAt(cm, p, T0).fit).toBe(10);
  });
});

describe('engagement over time', () => {
  const click = (within: number | null, extra: Partial<Rule> = {}): Rule =>
    rule('clicks', { kind: 'activity', types: ['email_click'], where: null, within, count: null }, 5, { mode: 'each', ...extra });

  it('counts each activity in the window, capped by max', () => {
    const cm = compileModel(model([], [click(30, { max: 12 })]));
    const p = prepare(cm, { person: person(), activities: [act('email_click', 1), act('email_click', 2), act('email_click', 50)] });
    expect(scoreAt(cm, p, T0 + 2 * DAY).engagement).toBe(10);
    expect(scoreAt(cm, p, T0 + 2 * DAY + 1).engagement).toBe(10);
    expect(scoreAt(cm, p, T0 + 31 * DAY).engagement).toBe(10); // the window includes its first day
    expect(scoreAt(cm, p, T0 + 31 * DAY + 1).engagement).toBe(5); // the first click left the 30-day window
    expect(scoreAt(cm, p, T0 + 50 * DAY).engagement).toBe(5);
    const capped = prepare(cm, { person: person(), activities: [act('email_click', 1), act('email_click', 1.5), act('email_click', 2)] });
    expect(scoreAt(cm, capped, T0 + 2 * DAY).engagement).toBe(12);
  });

  it('decays each activity by its age with the half-life', () => {
    const cm = compileModel(model([], [click(null, { halfLifeDays: 10 })]));
    const p = prepare(cm, { person: person(), activities: [act('email_click', 0), act('email_click', 10)] });
    expect(scoreAt(cm, p, T0 + 10 * DAY).engagement).toBeCloseTo(5 * 0.5 + 5, 10);
    expect(scoreAt(cm, p, T0 + 20 * DAY).engagement).toBeCloseTo(5 * 0.25 + 5 * 0.5, 10);
  });

  it('filters activities by properties and counts bounds', () => {
    const pricing: Rule = rule('pricing', { kind: 'activity', types: ['page_view'], where: { kind: 'field', field: 'url', matches: { pattern: 'pricing', ignoreCase: false } }, within: null, count: { gte: 2 } }, 20);
    const cm = compileModel(model([], [pricing]));
    const p = prepare(cm, { person: person(), activities: [act('page_view', 1, { url: '/pricing' }), act('page_view', 2, { url: '/blog' }), act('page_view', 3, { url: '/pricing?x' })] });
    expect(scoreAt(cm, p, T0 + 2 * DAY).engagement).toBe(0);
    expect(scoreAt(cm, p, T0 + 3 * DAY).engagement).toBe(20);
  });

  it('finds the first crossing, including when a negative rule leaves its window', () => {
    const unsub = rule('unsubscribed', { kind: 'activity', types: ['unsubscribe'], where: null, within: 10, count: null }, -50);
    const fit = rule('software', { kind: 'field', field: 'industry', eq: 'software' }, 30);
    const cm = compileModel(model([fit], [click(null), unsub], { fit: 20, total: 40 }));
    const acts = [act('unsubscribe', 0), act('email_click', 1), act('email_click', 2)];
    const e = evaluate(cm, { person: person(), activities: acts }, T0 + 100 * DAY);
    expect(e.crossing).not.toBeNull();
    expect(e.crossing!.at).toBe(T0 + 10 * DAY + 1);
    expect(e.crossing!.total).toBe(40);
    expect(peakUntil(e.series, T0 + 5 * DAY)).toBe(-10);
    const p = new QualificationProvider(cm.model);
    expect(p.signals({ person: person(), activities: acts }, iso(100))).toEqual([
      { at: new Date(T0 + 10 * DAY + 1).toISOString(), stage: 'mql', reason: 'model:t@1 fit 30 ≥ 20, total 40 ≥ 40' },
    ]);
    expect(p.signals({ person: person(), activities: acts }, iso(5))).toEqual([]);
  });

  it('needs fit and total at the same instant', () => {
    const fit = rule('software', { kind: 'field', field: 'industry', eq: 'retail' }, 30);
    const cm = compileModel(model([fit], [click(null)], { fit: 20, total: 5 }));
    expect(evaluate(cm, { person: person(), activities: [act('email_click', 1)] }, T0 + DAY * 9).crossing).toBeNull();
  });

  it('scores a person without dated activities at their creation (labels without dates)', () => {
    const fit = rule('software', { kind: 'field', field: 'industry', eq: 'software' }, 30);
    const cm = compileModel(model([fit], [], { fit: 20, total: 20 }));
    const e = evaluate(cm, { person: person(), activities: [] }, T0 + DAY);
    expect(e.crossing).toEqual({ at: T0, fit: 30, total: 30 });
    const s = scoreAt(cm, e.prepared, T0);
    expect(s.grade).toBe('C');
    expect(s.hits).toEqual([{ section: 'profile', name: 'software', points: 30 }]);
  });
});
