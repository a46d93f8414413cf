import { describe, expect, it } from 'vitest';
import { DEFAULT_PRECEDENCE, kindOf, pickCandidate, ruleFor } from './precedence.js';
import type { Candidate } from './precedence.js';

const c = (source: string, value: string | null, asOf: string, order = ''): Candidate<string | null> => ({ source, value, asOf, order });
const P = DEFAULT_PRECEDENCE;

describe('source precedence', () => {
  it('knows the kind of the common systems and calls others other', () => {
    expect(kindOf(P, 'salesforce')).toBe('crm');
    expect(kindOf(P, 'HubSpot')).toBe('marketing');
    expect(kindOf(P, 'olist')).toBe('other');
  });

  it.each([
    ['owner', ['crm'], 'owner'],
    ['stage', ['crm'], 'stage'],
    ['doNotEmail', ['marketing'], 'group subscription'],
    ['hubspot_score', ['marketing'], 'group engagement'],
    ['email', ['recent'], 'group contact'],
    ['favourite_colour', ['recent'], 'default'],
  ])('%s follows %j (%s)', (field, preferences, from) => {
    expect(ruleFor(P, field)).toEqual({ preferences, from });
  });

  it('the CRM wins the owner even when the marketing value is newer', () => {
    const w = pickCandidate(P, 'owner', [c('hubspot', 'Mona', '2024-05-01'), c('salesforce', 'Karim', '2024-01-01')]);
    expect(w?.source).toBe('salesforce');
  });

  it('falls back to the most recent value when the winning system has none', () => {
    const w = pickCandidate(P, 'owner', [c('hubspot', 'Mona', '2024-05-01'), c('salesforce', null, '2024-06-01'), c('mautic', 'Ali', '2024-04-01')]);
    expect(w?.value).toBe('Mona');
  });

  it('contact details: the most recently updated record wins, ties broken by order', () => {
    expect(pickCandidate(P, 'email', [c('salesforce', 'a@x.io', '2024-01-01'), c('hubspot', 'A@x.io', '2024-02-01')])?.value).toBe('A@x.io');
    expect(pickCandidate(P, 'title', [c('hubspot', 'CTO', '2024-01-01', 'f:2'), c('hubspot', 'CEO', '2024-01-01', 'f:9')])?.value).toBe('CEO');
  });

  it('a list of preferences is tried in order', () => {
    const policy = { ...P, fields: { ...P.fields, owner: ['mautic', 'crm'] } };
    expect(pickCandidate(policy, 'owner', [c('salesforce', 'K', '2024-01-01'), c('mautic', 'M', '2023-01-01')])?.value).toBe('M');
    expect(pickCandidate(policy, 'owner', [c('salesforce', 'K', '2024-01-01'), c('hubspot', 'H', '2025-01-01')])?.value).toBe('K');
  });

  it('never picks an empty value and gives null when there is none', () => {
    expect(pickCandidate(P, 'owner', [c('salesforce', '', '2024-01-01')])).toBeNull();
    expect(pickCandidate(P, 'owner', [])).toBeNull();
  });
});
