import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { DEFAULT_FUNNEL_MODEL_PATH } from '../src/config/load-funnel-model.js';
import { COUNT_BUCKETS } from '../src/domain/count-reconciliation.js';
import type { ReconcileReport } from '../src/domain/reconciliation.js';
import type { Services } from '../src/app/services.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { openStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'two-systems');
const FILES = ['hubspot-contacts', 'salesforce-leads', 'salesforce-opportunities'];

async function importAll(services: Services): Promise<number> {
  let inserted = 0;
  for (const f of FILES) inserted += (await services.importFiles({ paths: [join(FIXTURE, `${f}.csv`)], mapping: join(FIXTURE, `${f}.yaml`) })).activitiesInserted;
  return inserted;
}

const quarter = { grain: 'quarter' as const, from: null, to: null };

describe.each(DIALECTS)('tandem reconcile on two hand-made exports (%s)', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let report: ReconcileReport;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await importAll(services);
    report = await services.reconcile(quarter);
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('says how each system’s records were matched', () => {
    expect(report.identity.systems.map((s) => [s.system, s.kind, s.records, s.landed, s.rejected, s.persons, s.matchedByEmail, s.newPersons, s.onlyInThisSystem])).toEqual([
      ['hubspot', 'marketing', 12, 11, 1, 11, 0, 11, 6],
      ['salesforce', 'crm', 10, 10, 0, 9, 6, 4, 4],
    ]);
    expect(report.identity.persons).toEqual({ total: 15, inSeveralSystems: 5, inOneSystem: 10 });
    expect(report.identity.accounts).toMatchObject({ opportunities: 2, opportunitiesWithPerson: 1, opportunitiesByDomain: 0 });
  });

  it('finds the emails spelled differently that were merged: exactly these', () => {
    expect(report.identity.emailVariants.map((v) => [v.name, v.differences, v.records.map((r) => `${r.source}:${r.email}`).sort()])).toEqual([
      ['Tom Ng', ['case'], ['salesforce:TOM@lambda.io', 'salesforce:tom@lambda.io']],
      ['Jane Doe', ['case'], ['hubspot:Jane.Doe@Acme.com', 'salesforce:jane.doe@acme.com']],
    ]);
  });

  it('finds the near-matches that were not merged: exactly these (two marketing contacts with one name are no near-match)', () => {
    const near = report.identity.nearMatches.map((m) => [m.reasons, m.persons.map((p) => p.email).sort()]);
    expect(near).toHaveLength(3);
    expect(near).toEqual(
      expect.arrayContaining([
        [['plus-tag', 'name-and-company'], ['sam+webinar@beta.io', 'sam@beta.io']],
        [['dots', 'name-and-company'], ['li.wei@delta.io', 'liwei@delta.io']],
        [['name-and-company'], ['o.haddad@gammamail.com', 'omar@gamma.io']],
      ]),
    );
  });

  it('lists CRM-only persons and persons sales has that the CRM lacks, and no marketing-only inquiry', () => {
    const listed = report.identity.onlyInOneSystem.map((o) => [o.system, o.why, o.email, o.stage, o.status]);
    expect(listed.sort()).toEqual(
      [
        ['hubspot', 'not-in-crm', 'max@kappa.io', 'sql', 'Sales Qualified Lead'],
        ['salesforce', 'crm-only', 'TOM@lambda.io', 'sql', 'Working - Contacted'],
        ['salesforce', 'crm-only', 'liwei@delta.io', 'sal', 'Open - Not Contacted'],
        ['salesforce', 'crm-only', 'o.haddad@gammamail.com', 'sal', 'Open - Not Contacted'],
        ['salesforce', 'crm-only', 'sam@beta.io', 'sal', 'Open - Not Contacted'],
      ].sort(),
    );
  });

  it('lists exactly the conflicts, with both values, their sources and the value used', () => {
    const list = report.conflicts.map((c) => [c.kind, c.email ?? c.name, c.field, c.values.map((v) => `${v.source}=${String(v.value)}`).join(' '), c.used, c.usedSource]);
    expect(list).toEqual([
      ['stage', 'dan@theta.io', 'stage', 'hubspot=nurture salesforce=disqualified', 'disqualified', 'salesforce'],
      ['stage', 'nora@zeta.io', 'stage', 'hubspot=won salesforce=sal', 'sal', 'salesforce'],
      ['owner', 'pat@eta.io', 'owner', 'hubspot=Mona Saleh salesforce=Karim Aziz', 'Karim Aziz', 'salesforce'],
      ['owner', 'sara@noor.sa', 'owner', 'hubspot=منى صالح salesforce=Mona Saleh', 'Mona Saleh', 'salesforce'],
      ['subscription', 'pat@eta.io', 'doNotEmail', 'hubspot=true salesforce=false', true, 'hubspot'],
      ['opportunity', 'Unknown Co pilot', 'opportunity', 'salesforce=on account unknown-co.com, where no system has a person', 'counted in revenue, in no person’s journey', 'salesforce'],
    ]);
    expect(report.conflictCounts).toEqual({ stage: 2, owner: 2, subscription: 1, opportunity: 1 });
    const nora = report.conflicts.find((c) => c.email === 'nora@zeta.io')!;
    expect(nora.values.map((v) => [v.raw, v.file, v.row])).toEqual([
      ['Customer', 'hubspot-contacts.csv', 4],
      ['Open - Not Contacted', 'salesforce-leads.csv', 4],
    ]);
    expect(nora.tandemStage).toBe('sal');
  });

  it('explains every count difference with buckets that add up exactly', () => {
    const rows = report.counts.map((c) => [c.stage, c.period, c.bySource.hubspot, c.bySource.salesforce, c.tandem, ...COUNT_BUCKETS.map((b) => c.explained[b])]);
    // stage, period, hubspot, salesforce, tandem, rejected, duplicates, other period, passed, precedence, model rules
    expect(rows).toEqual([
      ['inquiry', '2024-Q1', 2, 0, 15, 0, 0, 0, 13, 0, 0],
      ['mql', '2024-Q1', 7, 0, 12, -1, 0, 0, 6, 0, 0],
      ['sal', '2024-Q1', 0, 5, 9, 0, 0, 0, 4, 0, 0],
      ['sql', '2024-Q1', 1, 3, 4, 0, -1, 1, 0, 0, 0],
      ['opportunity', '2024-Q1', 0, 0, 1, 0, 0, 0, 0, 0, 1],
      ['won', '2024-Q1', 1, 0, 0, 0, 0, 0, 0, -1, 0],
      ['sql', '2024-Q2', 0, 1, 0, 0, 0, -1, 0, 0, 0],
    ]);
  });

  it('counts one period given by dates: records dated outside it are outside the period', async () => {
    const r = await services.reconcile({ grain: 'all', from: '2024-01-01', to: '2024-03-31' });
    expect(r.counts.find((c) => c.stage === 'sql')).toEqual({
      stage: 'sql',
      period: '2024-01-01..2024-03-31',
      bySource: { hubspot: 1, salesforce: 3 },
      tandem: 4,
      explained: { rejectedRows: 0, mergedDuplicates: -1, outsidePeriod: 1, skippedStages: 0, precedence: 0, modelRules: 0 },
    });
  });

  it('Tandem’s counts are the funnel report’s reached figures for the same cohort', async () => {
    const funnel = await services.funnelReport({ from: '2024-01-01', to: '2024-03-31', by: null, at: new Date('2025-01-01T00:00:00Z') });
    for (const s of funnel.stages) expect(report.counts.find((c) => c.stage === s.id && c.period === '2024-Q1')?.tandem ?? 0, s.id).toBe(s.reached);
  });

  it('merged person values follow precedence and remember their source', () => {
    const pat = report.conflicts.find((c) => c.field === 'owner' && c.email === 'pat@eta.io')!;
    expect(pat.values.find((v) => v.source === 'salesforce')).toMatchObject({ record: '00Q5', file: 'salesforce-leads.csv', row: 6 });
    expect(pat.rule).toBe('owner: crm');
  });

  it('re-importing the same exports changes nothing', async () => {
    expect(await importAll(services)).toBe(0);
    expect(await services.reconcile(quarter)).toEqual(report);
  });

  it('a changed precedence in the model re-merges fields and re-settles stages on replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-precedence-'));
    try {
      const model = join(dir, 'funnel.yaml');
      const base = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8').split('\nprecedence:')[0];
      writeFileSync(model, `${base}\nprecedence:\n  fields:\n    owner: marketing\n    stage: marketing\n`);
      await services.replay(model);
      const r = await services.reconcile(quarter);
      const used = (email: string, field: string) => r.conflicts.find((c) => c.email === email && c.field === field);
      expect(used('pat@eta.io', 'owner')).toMatchObject({ used: 'Mona Saleh', usedSource: 'hubspot', rule: 'owner: marketing' });
      expect(used('nora@zeta.io', 'stage')).toMatchObject({ used: 'won', usedSource: 'hubspot', tandemStage: 'won' });
      const won = r.counts.find((c) => c.stage === 'won' && c.period === '2024-Q1')!;
      expect([won.bySource.hubspot, won.tandem, won.explained.precedence]).toEqual([1, 1, 0]);
      for (const c of r.counts) expect(Object.values(c.bySource).reduce((a, b) => a + b, 0) + COUNT_BUCKETS.reduce((a, b) => a + c.explained[b], 0)).toBe(c.tandem);
    } finally {
      await services.replay(DEFAULT_FUNNEL_MODEL_PATH);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the report in every format; Arabic survives the CSV', async () => {
    const run = async (format: string): Promise<string> => {
      const out: string[] = [];
      const code = await runCli(['--db', db.location, 'reconcile', '--format', format], { open: openServices, admin: storeAdmin, defaultDb: db.location, out: (t) => out.push(t), err: (t) => out.push(t) });
      expect(code, out.join('\n')).toBe(0);
      return out.join('\n');
    };
    const json = JSON.parse(await run('json')) as ReconcileReport;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['identity', 'conflicts', 'counts']));
    expect(json.conflicts[0]).toEqual(expect.objectContaining({ person: expect.any(String), field: 'stage', values: expect.any(Array), used: 'disqualified' }));
    const csv = parse(await run('csv'), { relax_column_count: true }) as string[][];
    expect(csv.some((r) => r.some((c) => c.includes('منى صالح')))).toBe(true);
    expect(csv.some((r) => r.includes('pat@eta.io') && r.some((c) => c.includes('[salesforce-leads.csv row 6]')))).toBe(true);
    expect(await run('table')).toMatch(/Conflicts by kind/);
    expect(await run('md')).toMatch(/\| stage \| period \| hubspot \| salesforce \| Tandem \|/);
  });

  it('a second export of the same records joins them by id: values accumulate, nothing is erased', async () => {
    await services.importFiles({ paths: [join(FIXTURE, 'hubspot-titles.csv')], mapping: join(FIXTURE, 'hubspot-titles.yaml') });
    const r = await services.reconcile(quarter);
    expect(r.identity.systems.find((s) => s.system === 'hubspot')).toMatchObject({ records: 12, persons: 11, matchedByExternalId: 2 });
    expect(r.identity.persons.total).toBe(15);
    const store = await openStore(db.location);
    try {
      const jane = await store.db.selectFrom('persons').selectAll().where('email_norm', '=', 'jane.doe@acme.com').executeTakeFirstOrThrow();
      expect([jane.first_name, jane.last_name, jane.company, jane.title]).toEqual(['Jane', 'Doe', 'Acme', 'VP Sales']);
      const rec = await store.db.selectFrom('person_sources').selectAll().where('source', '=', 'hubspot').where('record_key', '=', '101').executeTakeFirstOrThrow();
      expect(JSON.parse(rec.files)).toEqual(['hubspot-contacts.csv', 'hubspot-titles.csv']);
      expect(JSON.parse(rec.attributes)).toMatchObject({ hub_spot_score: '44' });
      expect(rec.stage).toBe('mql');
    } finally {
      await store.close();
    }
  });
});
