import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { DEFAULT_PRECEDENCE, ruleFor } from '../domain/precedence.js';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel } from './load-funnel-model.js';

const base = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8').split('\nprecedence:')[0]!;

function withPrecedence(yaml: string) {
  return parseFunnelModel(`${base}\n${yaml}`, 'model.yaml');
}

function errorOf(fn: () => unknown): TandemError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TandemError) return e;
    throw e;
  }
  throw new Error('expected a TandemError');
}

describe('precedence in the funnel model', () => {
  it('the bundled model spells out the defaults', () => {
    const m = parseFunnelModel(readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8'), DEFAULT_FUNNEL_MODEL_PATH);
    expect(m.precedence).toEqual(DEFAULT_PRECEDENCE);
  });

  it('a model without the section gets the defaults', () => {
    expect(parseFunnelModel(base, 'm.yaml').precedence).toEqual(DEFAULT_PRECEDENCE);
  });

  it('entries replace the defaults of the same name and keep the others', () => {
    const m = withPrecedence('precedence:\n  systems: { pardot-eu: marketing }\n  fields:\n    owner: [pardot-eu, crm]\n    lead_score: recent\n');
    const p = m.precedence!;
    expect(ruleFor(p, 'owner').preferences).toEqual(['pardot-eu', 'crm']);
    expect(ruleFor(p, 'lead_score')).toEqual({ preferences: ['recent'], from: 'lead_score' });
    expect(ruleFor(p, 'doNotEmail')).toEqual({ preferences: ['marketing'], from: 'group subscription' });
    expect(p.systems['pardot-eu']).toBe('marketing');
    expect(p.systems.salesforce).toBe('crm');
  });

  it('names the line and field of an unknown preference', () => {
    const e = errorOf(() => withPrecedence('precedence:\n  fields:\n    owner: crn\n'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/model\.yaml:\d+: field precedence\.fields\.owner: "crn" is not crm, marketing, recent or a system/);
  });

  it('rejects an unknown camelCase field and a wrong system kind', () => {
    const e = errorOf(() => withPrecedence('precedence:\n  systems: { hubspot: sales }\n  fields:\n    ownerName: crm\n'));
    expect(e.problems.join('\n')).toMatch(/precedence\.systems\.hubspot/);
    const f = errorOf(() => withPrecedence('precedence:\n  fields:\n    ownerName: crm\n'));
    expect(f.message).toMatch(/precedence\.fields\.ownerName: unknown field/);
  });
});
