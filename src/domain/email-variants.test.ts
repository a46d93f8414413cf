import { describe, expect, it } from 'vitest';
import { emailDifferences, looseEmailKey, nameCompanyKey } from './email-variants.js';

describe('email variants', () => {
  it.each([
    ['Jane.Doe@Acme.com', 'jane.doe@acme.com', ['case']],
    ['jane+webinar@acme.com', 'jane@acme.com', ['plus-tag']],
    ['jane.doe@gmail.com', 'janedoe@gmail.com', ['dots']],
    ['J.Doe+x@acme.com', 'jdoe@acme.com', ['dots', 'plus-tag', 'case'].sort()],
    [' jane@acme.com', 'jane@acme.com', ['spacing']],
    ['jane@acme.com', 'jane@acme.com', []],
  ])('%s vs %s differ by %j', (a, b, diff) => {
    expect([...emailDifferences(a, b)].sort()).toEqual([...diff].sort());
  });

  it('the loose key ignores case, dots and +tags, never the domain', () => {
    expect(looseEmailKey('J.Doe+news@Acme.com')).toBe('jdoe@acme.com');
    expect(looseEmailKey('jdoe@acme.co')).not.toBe(looseEmailKey('jdoe@acme.com'));
    expect(looseEmailKey('not an email')).toBeNull();
  });

  it('name and company key keeps Arabic and drops punctuation', () => {
    expect(nameCompanyKey('سارة', 'العتيبي', 'شركة النور')).toBe('سارة العتيبي|شركة النور');
    expect(nameCompanyKey('Jane', 'Doe', 'Acme, Inc.')).toBe(nameCompanyKey(' jane ', 'DOE', 'acme inc'));
    expect(nameCompanyKey('Jane', null, null)).toBeNull();
  });
});
