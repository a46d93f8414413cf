import { describe, expect, it } from 'vitest';
import { ResolvedRefs } from './resolved-refs.js';

describe('person references resolved within a batch', () => {
  it('finds a person by the source’s own id, per source, and by any spelling of an email', () => {
    const refs = new ResolvedRefs();
    refs.set({ kind: 'external', source: 'hubspot', externalId: '901' }, 'p_1');
    refs.setExternal('salesforce', '901', 'p_2');
    refs.set({ kind: 'email', email: ' Jane.Doe@ACME.com ' }, 'p_3');
    refs.setEmail('مريم@مثال.com', 'p_4');
    expect(refs.get({ kind: 'external', source: 'hubspot', externalId: '901' })).toBe('p_1');
    expect(refs.get({ kind: 'external', source: 'salesforce', externalId: '901' })).toBe('p_2');
    expect(refs.get({ kind: 'external', source: 'pipedrive', externalId: '901' })).toBeUndefined();
    expect(refs.get({ kind: 'email', email: 'jane.doe@acme.com' })).toBe('p_3');
    expect(refs.get({ kind: 'email', email: 'مريم@مثال.COM' })).toBe('p_4');
    expect(refs.has({ kind: 'email', email: 'not an email' })).toBe(false);
    refs.set({ kind: 'external', source: 'hubspot', externalId: '901' }, 'p_5');
    expect(refs.get({ kind: 'external', source: 'hubspot', externalId: '901' })).toBe('p_5');
  });
});
