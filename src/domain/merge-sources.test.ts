import { describe, expect, it } from 'vitest';
import { mergeSources } from './merge-sources.js';
import type { SourceRecord } from './merge-sources.js';
import { DEFAULT_PRECEDENCE } from './precedence.js';

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
