import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeSources } from './merge-sources.js';
import type { SourceRecord } from './merge-sources.js';
import { DEFAULT_PRECEDENCE, MERGED_PERSON_FIELDS } from './precedence.js';

const hubspot: SourceRecord = {
  source: 'hubspot',
  recordKey: '901',
  fields: { email: 'Jane.Doe@acme.com', firstName: 'Jane', lastName: 'Doe', owner: 'Mona', title: 'CTO', doNotEmail: true, source: 'Webinar' },
  attributes: { hubspot_score: '72', lead_status: 'Open', city: 'Riyadh' },
  asOf: '2024-03-01T00:00:00.000Z',
  order: 'contacts.csv:000002',
};
const salesforce: SourceRecord = {
  source: 'salesforce',
  recordKey: '00Q1',
  fields: { email: 'jane.doe@acme.com', firstName: 'Janet', lastName: 'Doe', owner: 'Karim', title: null, doNotEmail: false, source: 'Web' },
  attributes: { lead_status: 'Working', hubspot_score: '10', city: 'Jeddah' },
  asOf: '2024-02-01T00:00:00.000Z',
  order: 'leads.csv:000007',
};

describe('merging a person from both systems by precedence', () => {
  const m = mergeSources(DEFAULT_PRECEDENCE, [hubspot, salesforce], 'jane.doe@acme.com');

  it('the CRM wins owner and lead status; marketing wins consent and engagement', () => {
    expect(m.fields.owner).toBe('Karim');
    expect(m.attributes.lead_status).toBe('Working');
    expect(m.fields.doNotEmail).toBe(true);
    expect(m.attributes.hubspot_score).toBe('72');
    // Lead source follows the default (most recent): attribution decides sourcing, not precedence.
    expect(m.fields.source).toBe('Webinar');
  });

  it('contact details come from the most recently updated record, empty values never erase', () => {
    expect(m.fields.firstName).toBe('Jane');
    expect(m.fields.email).toBe('Jane.Doe@acme.com');
    expect(m.fields.title).toBe('CTO');
    expect(m.attributes.city).toBe('Riyadh');
  });

  it('records which system and record supplied every merged value', () => {
    expect(m.provenance.owner).toEqual({ source: 'salesforce', recordKey: '00Q1' });
    expect(m.provenance.doNotEmail).toEqual({ source: 'hubspot', recordKey: '901' });
    expect(m.provenance['attributes.lead_status']).toEqual({ source: 'salesforce', recordKey: '00Q1' });
    expect(m.provenance.country).toBeUndefined();
  });

  it('shows only a spelling of the person’s own email', () => {
    const other: SourceRecord = { ...hubspot, recordKey: '902', fields: { email: 'someone.else@acme.com' }, asOf: '2025-01-01T00:00:00.000Z' };
    expect(mergeSources(DEFAULT_PRECEDENCE, [salesforce, other], 'jane.doe@acme.com').fields.email).toBe('jane.doe@acme.com');
  });

  it('is independent of the order records come in', () => {
    expect(mergeSources(DEFAULT_PRECEDENCE, [salesforce, hubspot], 'jane.doe@acme.com')).toEqual(m);
  });
});

describe('a person with one record (the quick path)', () => {
  const value = fc.oneof(fc.constant(null), fc.constant(''), fc.constant(undefined), fc.string({ maxLength: 6 }), fc.boolean(), fc.integer());
  const record = fc.record({
    source: fc.constantFrom('hubspot', 'salesforce', 'gen'),
    recordKey: fc.string({ minLength: 1, maxLength: 4 }),
    fields: fc.dictionary(fc.constantFrom(...MERGED_PERSON_FIELDS), value),
    attributes: fc.dictionary(fc.string({ maxLength: 5 }), value),
    asOf: fc.constant('2024-03-01T00:00:00.000Z'),
    order: fc.constant('a.csv:000002'),
  }) as fc.Arbitrary<SourceRecord>;
  // A record without values never wins a field: merged beside it, the record goes the general way with the same outcome.
  const blank: SourceRecord = { source: 'other', recordKey: 'blank', fields: {}, attributes: {}, asOf: '2020-01-01T00:00:00.000Z', order: 'b.csv:000001' };

  it('merges exactly as the general merge does, emails checked against the person’s own', () => {
    fc.assert(
      fc.property(record, fc.constantFrom(null, 'jane@acme.com', 'x'), (r, emailNorm) => {
        expect(mergeSources(DEFAULT_PRECEDENCE, [r], emailNorm)).toEqual(mergeSources(DEFAULT_PRECEDENCE, [r, blank], emailNorm));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps its non-empty values and says they came from it', () => {
    const m = mergeSources(DEFAULT_PRECEDENCE, [hubspot], 'jane.doe@acme.com');
    expect(m.fields.owner).toBe('Mona');
    expect(m.fields.country).toBeNull();
    expect(m.attributes).toEqual({ city: 'Riyadh', hubspot_score: '72', lead_status: 'Open' });
    expect(Object.keys(m.attributes)).toEqual(['city', 'hubspot_score', 'lead_status']);
    expect(m.provenance['attributes.city']).toEqual({ source: 'hubspot', recordKey: '901' });
    expect(mergeSources(DEFAULT_PRECEDENCE, [hubspot], 'someone.else@acme.com').fields.email).toBeNull();
  });
});
