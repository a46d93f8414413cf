import { describe, expect, it } from 'vitest';
import { listPresets, loadPreset } from '../src/importers/load-mapping.js';
import { readImport, tempFile } from './read-import.js';

/** A CSV from a header and rows of cells, quoted as exporters quote (always, like HubSpot and Pipedrive). */
function csv(header: readonly string[], rows: readonly (readonly string[])[], opts: { sep?: string; quoteAll?: boolean; eol?: string } = {}): string {
  const sep = opts.sep ?? ',';
  const q = (c: string): string => (opts.quoteAll || c.includes(sep) || c.includes('"') || c.includes('\n') ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(q).join(sep)).join(opts.eol ?? '\n') + (opts.eol ?? '\n');
}

describe('every bundled preset', () => {
  it.each(listPresets())('%s loads and validates', (name) => {
    const mappings = loadPreset(name);
    expect(mappings.length).toBeGreaterThan(0);
  });
});

describe('generic presets', () => {
  it('generic-persons: fields, stage and won, unknown columns as attributes', async () => {
    const file = tempFile('persons.csv', csv(
      ['id', 'email', 'first_name', 'last_name', 'company', 'source', 'country', 'created_at', 'stage', 'stage_at', 'won', 'won_at', 'amount', 'currency', 'Lead Score'],
      [
        ['p1', 'Ann@Example.com', 'Ann', 'Lee', 'Acme', 'web', 'US', '2024-01-02 10:00', 'mql', '2024-01-05', '', '', '', '', '42'],
        ['p2', '', 'محمد', 'العلي', 'شركة', 'event', 'EG', '2024-02-01', '', '', 'yes', '2024-03-01', '250,000', 'USD', ''],
      ],
    ));
    const r = await readImport({ paths: [file], preset: 'generic-persons' });
    expect(r.rejects).toEqual([]);
    expect(r.batch.persons.map((p) => [p.externalId, p.fields.email, p.fields.firstName, p.fields.source])).toEqual([
      ['p1', 'Ann@Example.com', 'Ann', 'web'],
      ['p2', null, 'محمد', 'event'],
    ]);
    expect(r.batch.persons[0]!.attributes).toEqual({ lead_score: '42' });
    expect(r.batch.activities.map((a) => [a.externalId, a.type, a.occurredAt, a.stage])).toEqual([
      ['p1#created', 'lead_created', '2024-01-02T10:00:00.000Z', null],
      ['p1#stage:mql', 'stage_change', '2024-01-05T00:00:00.000Z', 'mql'],
      ['p2#created', 'lead_created', '2024-02-01T00:00:00.000Z', null],
      ['p2#won', 'opportunity_won', '2024-03-01T00:00:00.000Z', null],
    ]);
    expect(r.batch.opportunities).toHaveLength(1);
    expect(r.batch.opportunities[0]).toMatchObject({ status: 'won', amountMinor: 25_000_000, currency: 'USD', closedAt: '2024-03-01T00:00:00.000Z' });
  });

  it('generic-persons: a row with neither id nor email is rejected with its row and field', async () => {
    const file = tempFile('persons-bad.csv', 'id,email,created_at\n,,2024-01-01\np9,,2024-01-01\n');
    const r = await readImport({ paths: [file], preset: 'generic-persons' });
    expect(r.batch.persons).toHaveLength(1);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 2, field: 'externalId', reason: expect.stringContaining('neither an id nor an email') })]);
  });

  it('generic-activities: types, person by id or email, ids from the row when absent', async () => {
    const file = tempFile('activities.csv', csv(
      ['person_id', 'person_email', 'type', 'occurred_at', 'channel', 'campaign', 'utm_medium'],
      [
        ['p1', '', 'form_fill', '2024-01-03T09:00:00Z', 'web', 'Spring webinar', 'cpc'],
        ['', 'ann@example.com', 'email_open', '2024-01-04T09:00:00Z', 'email', '', ''],
        ['p1', '', 'coffee', '2024-01-04T09:00:00Z', '', '', ''],
      ],
    ));
    const r = await readImport({ paths: [file], preset: 'generic-activities' });
    expect(r.batch.activities.map((a) => [a.person, a.type, a.properties])).toEqual([
      [{ kind: 'external', source: 'generic', externalId: 'p1' }, 'form_fill', { utm_medium: 'cpc', channel: 'web', campaign: 'Spring webinar' }],
      [{ kind: 'email', email: 'ann@example.com' }, 'email_open', { channel: 'email' }],
    ]);
    expect(r.batch.activities[0]!.externalId).toMatch(/^row:/);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 4, field: 'type', reason: expect.stringContaining('"coffee" is not an activity type') })]);
    // The same row read again gets the same id: re-imports insert nothing.
    const again = await readImport({ paths: [file], preset: 'generic-activities' });
    expect(again.batch.activities.map((a) => a.externalId)).toEqual(r.batch.activities.map((a) => a.externalId));
  });

  it('generic-opportunities: status words, and a closed deal needs its close date', async () => {
    const file = tempFile('opps.csv', csv(
      ['id', 'person_id', 'account_domain', 'name', 'amount', 'currency', 'status', 'created_at', 'closed_at'],
      [
        ['o1', 'p1', 'acme.com', 'Acme renewal', '250000', 'USD', 'Closed Won', '2024-02-01', '2024-04-01'],
        ['o2', '', 'globex.com', 'Globex pilot', '1000', 'EUR', 'open', '2024-02-01', ''],
        ['o3', 'p2', '', 'No date', '5', 'USD', 'lost', '2024-02-01', ''],
      ],
    ));
    const r = await readImport({ paths: [file], preset: 'generic-opportunities' });
    expect(r.batch.opportunities.map((o) => [o.externalId, o.status, o.accountDomain, o.amountMinor])).toEqual([
      ['o1', 'won', 'acme.com', 25_000_000],
      ['o2', 'open', 'globex.com', 100_000],
    ]);
    expect(r.batch.activities.map((a) => a.type)).toEqual(['opportunity_created', 'opportunity_won']);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 4, field: 'closedAt' })]);
  });

  it('generic-accounts: by domain', async () => {
    const file = tempFile('accounts.csv', 'domain,name,industry,employees,country,tier\nacme.com,Acme,Software,250,US,gold\n');
    const r = await readImport({ paths: [file], preset: 'generic-accounts' });
    expect(r.batch.accounts).toEqual([expect.objectContaining({ domain: 'acme.com', name: 'Acme', attributes: { tier: 'gold', industry: 'Software', employees: '250', country: 'US' } })]);
  });

  it('refuses a file that lacks the columns a generic preset needs, naming them', async () => {
    const file = tempFile('not-activities.csv', 'id,email\np1,a@b.c\n');
    await expect(readImport({ paths: [file], preset: 'generic-activities' })).rejects.toThrow(/no mapping fits its columns.*needs type, occurred_at/);
  });
});

describe('vendor presets (headers as EXPORTS.md documents them)', () => {
  it('marketo-leads: Bulk Lead Extract header, literal null as empty', async () => {
    const header = 'id,email,firstName,lastName,company,title,phone,leadSource,leadStatus,leadScore,originalSourceType,originalSourceInfo,registrationSourceType,acquisitionProgramId,mktoAcquisitionDate,leadPartitionId,leadRevenueCycleModelId,leadRevenueStageId,sfdcType,sfdcLeadId,sfdcContactId,sfdcAccountId,sfdcLeadOwnerId,unsubscribed,emailInvalid,createdAt,updatedAt'.split(',');
    const row = (id: string, email: string, unsub: string, created: string): string[] =>
      header.map((h) => ({ id, email, firstName: 'Ann', lastName: 'null', leadSource: 'Webinar', leadStatus: 'MQL', leadScore: '55', unsubscribed: unsub, createdAt: created, sfdcLeadOwnerId: '005xx0000012345AAA' } as Record<string, string>)[h] ?? 'null');
    const file = tempFile('marketo-leads.csv', csv(header, [row('1001', 'ann@example.com', 'false', '2024-01-02T10:00:00Z'), row('1002', 'bo@example.com', 'true', '2024-01-03T11:30:00Z')]));
    const r = await readImport({ paths: [file], preset: 'marketo-leads' });
    expect(r.rejects).toEqual([]);
    expect(r.batch.persons.map((p) => [p.system, p.externalId, p.fields.lastName, p.fields.source, p.fields.owner, p.fields.doNotEmail])).toEqual([
      ['marketo', '1001', null, 'Webinar', '005xx0000012345AAA', false],
      ['marketo', '1002', null, 'Webinar', '005xx0000012345AAA', true],
    ]);
    expect(r.batch.persons[0]!.attributes).toEqual({ lead_status: 'MQL', lead_score: '55' });
    expect(r.batch.activities[1]!.occurredAt).toBe('2024-01-03T11:30:00.000Z');
  });

  it('mautic-contacts: default export columns; attribution means won; last_active dates the contact', async () => {
    const header = 'id,title,firstname,lastname,company,position,email,mobile,phone,points,fax,address1,address2,city,state,zipcode,country,preferred_locale,timezone,last_active,attribution_date,attribution,website,facebook,foursquare,instagram,linkedin,skype,twitter,stage'.split(',');
    const row = (v: Record<string, string>): string[] => header.map((h) => v[h] ?? '');
    const file = tempFile('2024-01-15_10-22-33_contacts.csv', csv(header, [
      row({ id: '7', firstname: 'Zoë', lastname: 'Brown', email: 'zoe@example.com', points: '40', country: 'United Kingdom', last_active: '2024-01-10 08:00:00', attribution: '0', stage: 'Nurture' }),
      row({ id: '8', firstname: 'Omar', email: 'omar@example.com', points: '120', last_active: '2024-01-11 09:00:00', attribution: '1500', attribution_date: '2024-02-01 12:00:00', stage: 'Customer' }),
      row({ id: '9', email: 'never@example.com' }),
    ]));
    const r = await readImport({ paths: [file], preset: 'mautic-contacts' });
    expect(r.rejects).toEqual([]);
    expect(r.batch.persons.map((p) => [p.externalId, p.fields.firstName, p.fields.createdAt, p.attributes.stage, p.attributes.points])).toEqual([
      ['7', 'Zoë', '2024-01-10T08:00:00.000Z', 'Nurture', '40'],
      ['8', 'Omar', '2024-01-11T09:00:00.000Z', 'Customer', '120'],
      ['9', null, null, undefined, undefined],
    ]);
    expect(r.batch.opportunities).toEqual([expect.objectContaining({ status: 'won', amountMinor: 150_000, closedAt: '2024-02-01T12:00:00.000Z' })]);
    // firstOf: a missing alternative is no warning while one of them is there.
    expect(r.warnings).toEqual([]);
  });

  it('pipedrive-persons: first non-empty email of Work/Home/Other', async () => {
    const header = ['Person - ID', 'Person - Name', 'Person - First name', 'Person - Last name', 'Person - Email - Work', 'Person - Email - Home', 'Person - Email - Other', 'Person - Phone - Work', 'Person - Organization', 'Person - Owner', 'Person - Label', 'Person - Person created', 'Person - Marketing status'];
    const file = tempFile('people.csv', csv(header, [
      ['11', 'Jana Nováková', 'Jana', 'Nováková', '', 'jana@home.cz', '', '+420 1', 'Firma s.r.o.', 'Petr', 'Hot', '2024-03-01 09:15:00', 'Subscribed'],
      ['12', 'Li Wei', 'Li', 'Wei', 'li@corp.cn', 'li@home.cn', '', '', 'Corp', 'Petr', '', '2024-03-02 10:00:00', ''],
    ], { quoteAll: true }));
    const r = await readImport({ paths: [file], preset: 'pipedrive-persons' });
    expect(r.rejects).toEqual([]);
    expect(r.batch.persons.map((p) => [p.system, p.externalId, p.fields.email, p.fields.company, p.fields.owner, p.fields.createdAt])).toEqual([
      ['pipedrive', '11', 'jana@home.cz', 'Firma s.r.o.', 'Petr', '2024-03-01T09:15:00.000Z'],
      ['pipedrive', '12', 'li@corp.cn', 'Corp', 'Petr', '2024-03-02T10:00:00.000Z'],
    ]);
    expect(r.batch.persons[0]!.attributes).toMatchObject({ person_label: 'Hot', person_marketing_status: 'Subscribed' });
  });

  it('pipedrive-deals: Open/Won/Lost, drifted labels, Deleted rejected with its reason', async () => {
    // An older export: "Add time" and "Close time" instead of "Deal created" and "Deal closed on".
    const header = ['Deal - ID', 'Deal - Title', 'Deal - Owner', 'Deal - Value', 'Deal - Currency', 'Deal - Pipeline', 'Deal - Stage', 'Deal - Status', 'Deal - Add time', 'Deal - Won time', 'Deal - Lost time', 'Deal - Close time', 'Deal - Lost reason', 'Deal - Organization', 'Deal - Contact person'];
    const file = tempFile('deals.csv', csv(header, [
      ['21', 'Big deal', 'Petr', '250000', 'EUR', 'Sales', 'Negotiation', 'Won', '2024-01-01 09:00:00', '2024-03-01 10:00:00', '', '2024-03-01 10:00:00', '', 'Firma s.r.o.', 'Jana Nováková'],
      ['22', 'Small deal', 'Petr', '900.50', 'EUR', 'Sales', 'Proposal', 'lost', '2024-01-02 09:00:00', '', '2024-02-01 10:00:00', '2024-02-01 10:00:00', 'Price', 'Corp', 'Li Wei'],
      ['23', 'New deal', 'Petr', '10', 'EUR', 'Sales', 'Lead in', 'Open', '2024-01-03 09:00:00', '', '', '', '', 'Corp', ''],
      ['24', 'Gone', 'Petr', '10', 'EUR', 'Sales', 'Lead in', 'Deleted', '2024-01-03 09:00:00', '', '', '', '', '', ''],
    ], { quoteAll: true }));
    const r = await readImport({ paths: [file], preset: 'pipedrive-deals' });
    expect(r.batch.opportunities.map((o) => [o.externalId, o.status, o.amountMinor, o.currency, o.stage, o.createdAt, o.closedAt, o.accountName, o.person])).toEqual([
      ['21', 'won', 25_000_000, 'EUR', 'Negotiation', '2024-01-01T09:00:00.000Z', '2024-03-01T10:00:00.000Z', 'Firma s.r.o.', null],
      ['22', 'lost', 90_050, 'EUR', 'Proposal', '2024-01-02T09:00:00.000Z', '2024-02-01T10:00:00.000Z', 'Corp', null],
      ['23', 'open', 1000, 'EUR', 'Lead in', '2024-01-03T09:00:00.000Z', null, 'Corp', null],
    ]);
    expect(r.batch.opportunities[0]!.attributes).toMatchObject({ deal_contact_person: 'Jana Nováková', deal_pipeline: 'Sales' });
    expect(r.rejects).toEqual([expect.objectContaining({ row: 5, field: 'status', reason: expect.stringContaining('"Deleted" is not open, won or lost') })]);
  });

  it('act-on-contacts: E-mail Address is required', async () => {
    const file = tempFile('act-on.csv', csv(['E-mail Address', 'First Name', 'Last Name', 'Company', 'Title', 'Business Phone', 'Created Date', 'Score'], [
      ['ann@example.com', 'Ann', 'Lee', 'Acme', 'CTO', '+1 555', '2024-05-01', '80'],
      ['', 'No', 'Mail', 'Acme', '', '', '2024-05-01', ''],
    ], { quoteAll: true }));
    const r = await readImport({ paths: [file], preset: 'act-on-contacts' });
    expect(r.batch.persons.map((p) => [p.system, p.externalId, p.fields.email, p.fields.createdAt, p.attributes.score])).toEqual([['act-on', null, 'ann@example.com', '2024-05-01T00:00:00.000Z', '80']]);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 3, field: 'email', reason: 'email is empty' })]);
  });

  it('uci-bank-marketing: `;`-separated CRLF, row numbers as ids, y=yes won, campaign kept', async () => {
    const header = ['age', 'job', 'marital', 'education', 'default', 'housing', 'loan', 'contact', 'month', 'day_of_week', 'duration', 'campaign', 'pdays', 'previous', 'poutcome', 'emp.var.rate', 'cons.price.idx', 'cons.conf.idx', 'euribor3m', 'nr.employed', 'y'];
    const a = ['56', 'housemaid', 'married', 'basic.4y', 'no', 'no', 'no', 'telephone', 'may', 'mon', '261', '1', '999', '0', 'nonexistent', '1.1', '93.994', '-36.4', '4.857', '5191', 'no'];
    const b = [...a.slice(0, 11), '3', ...a.slice(12, 20), 'yes'];
    const file = tempFile('bank-additional-full.csv', csv(header, [a, b, a], { sep: ';', quoteAll: true, eol: '\r\n' }));
    const r = await readImport({ paths: [file], preset: 'uci-bank-marketing' });
    expect(r.rejects).toEqual([]);
    // Rows 2 and 4 are identical yet are two clients: row numbers keep them apart.
    expect(r.batch.persons.map((p) => [p.externalId, p.attributes.campaign, p.fields.createdAt])).toEqual([
      ['2', '1', '2008-05-01T00:00:00.000Z'],
      ['3', '3', '2008-05-01T00:00:00.000Z'],
      ['4', '1', '2008-05-01T00:00:00.000Z'],
    ]);
    expect(r.batch.persons[0]!.attributes).toMatchObject({ job: 'housemaid', emp_var_rate: '1.1', nr_employed: '5191' });
    expect(r.batch.opportunities.map((o) => [o.externalId, o.status])).toEqual([['3#deal', 'won']]);
  });

  it('uci-bank-marketing refuses bank-full.csv rather than merging other clients by row number', async () => {
    const file = tempFile('bank-full.csv', '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"\n58;"management";"married";"tertiary";"no";2143;"yes";"no";"unknown";5;"may";261;1;-1;0;"unknown";"no"\n');
    await expect(readImport({ paths: [file], preset: 'uci-bank-marketing' })).rejects.toThrow(/no mapping fits/);
  });
});
