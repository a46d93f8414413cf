import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { COUNT_BUCKETS } from '../src/domain/count-reconciliation.js';
import type { ReconcileReport } from '../src/domain/reconciliation.js';
import { DEMO_STORY } from '../src/demo/demo-story.js';
import { generateDemoExports } from '../src/demo/generate-demo-exports.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const work = mkdtempSync(join(tmpdir(), 'tandem-reconcile-demo-'));
const d = DEMO_STORY.disagreements;
const lower = (s: string): string => s.toLowerCase();

function rows(name: RegExp): Record<string, string>[] {
  const file = readdirSync(work).find((f) => name.test(f))!;
  return parse(readFileSync(join(work, file)), { columns: true, bom: true }) as Record<string, string>[];
}

/**
 * Straight from the exported files, independently of Tandem: marketing-only contacts and
 * CRM-only leads that share first name, last name and company. The +tag twin is one such pair;
 * the generator may also have given a generated contact the planted person's name and company,
 * a real near-match the report must list too, and nothing beyond these.
 */
function namesakesAcrossSystems(): string[][] {
  const hs = rows(/^hubspot-crm-exports-all-contacts/).map((r) => ({ email: r.Email!, key: lower(`${r['First Name']} ${r['Last Name']}|${r['Company Name']}`) }));
  const sf = rows(/^Lead\.csv$/).map((r) => ({ email: r.Email!, key: lower(`${r.FirstName} ${r.LastName}|${r.Company}`) }));
  const hsEmails = new Set(hs.map((r) => lower(r.email)));
  const sfEmails = new Set(sf.map((r) => lower(r.email)));
  const hsOnly = hs.filter((r) => !sfEmails.has(lower(r.email)));
  const sfOnly = sf.filter((r) => !hsEmails.has(lower(r.email)));
  return hsOnly.flatMap((h) => sfOnly.filter((f) => f.key === h.key).map((f) => [h.email, f.email].sort()));
}

beforeAll(async () => {
  await generateDemoExports(work);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The acceptance of reconciliation: the demo company's planted disagreements, each found, and nothing else. */
describe.each(DIALECTS)('tandem reconcile on the demo company (%s)', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let report: ReconcileReport;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await services.importFiles({ paths: [work] });
    report = await services.reconcile({ grain: 'quarter', from: null, to: null });
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('merges the email that differs only in case, and reports exactly that spelling difference', () => {
    expect(report.identity.emailVariants.map((v) => ({ name: v.name, differences: v.differences, emails: v.records.map((r) => `${r.source}:${r.email}`).sort() }))).toEqual([
      {
        name: `${d.emailCase.firstName} ${d.emailCase.lastName}`,
        differences: ['case'],
        emails: [`hubspot:${d.emailCase.hubspotEmail}`, `salesforce:${d.emailCase.crmEmail}`],
      },
    ]);
  });

  it('reports the +tag twin as a near-match, not merged, and no near-match the files do not hold', () => {
    const twin = [d.plusTag.crmEmail, d.plusTag.hubspotEmail!].sort();
    const namesakes = namesakesAcrossSystems();
    expect(namesakes).toContainEqual(twin);
    const found = report.identity.nearMatches.map((m) => ({ reasons: m.reasons, emails: m.persons.map((p) => p.email!).sort() }));
    const expected = namesakes.map((emails) => ({ reasons: emails.join() === twin.join() ? ['plus-tag', 'name-and-company'] : ['name-and-company'], emails }));
    const order = (xs: { emails: string[] }[]) => [...xs].sort((a, b) => (a.emails.join() < b.emails.join() ? -1 : 1));
    expect(order(found)).toEqual(order(expected));
  });

  it('lists exactly the CRM-only leads (the planted ones and the +tag twin’s CRM side)', () => {
    const expected = [...d.crmOnlyLeads.map((p) => p.crmEmail), d.plusTag.crmEmail].map(lower).sort();
    expect(report.identity.onlyInOneSystem.map((o) => lower(o.email!)).sort()).toEqual(expected);
    expect(report.identity.onlyInOneSystem.every((o) => o.system === 'salesforce' && o.why === 'crm-only')).toBe(true);
  });

  it('finds exactly two conflicts: the customer who is an open lead in the CRM, and the deal on an unknown account', () => {
    expect(report.conflictCounts).toEqual({ stage: 1, owner: 0, subscription: 0, opportunity: 1 });
    const [stage, deal] = report.conflicts;
    expect(stage).toMatchObject({ kind: 'stage', email: lower(d.customerVsOpenLead.crmEmail), used: 'sal', usedSource: 'salesforce', tandemStage: 'sal' });
    expect(stage!.values.map((v) => [v.source, v.value, v.raw])).toEqual([
      ['hubspot', 'won', 'Customer'],
      ['salesforce', 'sal', d.customerVsOpenLead.crmStatus],
    ]);
    expect(deal).toMatchObject({ kind: 'opportunity', person: null, name: d.unknownAccountOpportunity.name });
  });

  it('explains every stage count of every quarter exactly', () => {
    for (const c of report.counts) {
      const systems = Object.values(c.bySource).reduce((a, b) => a + b, 0);
      expect(systems + COUNT_BUCKETS.reduce((a, b) => a + c.explained[b], 0), `${c.stage} ${c.period}`).toBe(c.tandem);
    }
    const won = report.counts.find((c) => c.stage === 'won' && c.period === d.customerVsOpenLead.quarter)!;
    expect(won.explained.precedence).toBe(-1);
    expect(report.counts.every((c) => c.explained.rejectedRows === 0)).toBe(true);
  });
});
