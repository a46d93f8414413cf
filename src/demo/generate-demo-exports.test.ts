import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseDomain } from '../domain/normalise.js';
import { CAMPAIGNS } from './campaigns.js';
import { CONTENT_CATALOGUE } from './content-catalogue.js';
import { DEMO_STORY } from './demo-story.js';
import { EXPORT_FILES } from './export-formats.js';
import { generateDemoExports } from './generate-demo-exports.js';
import { gradeOf } from './people.js';

type Row = Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'tandem-demo-files-'));
const files: Record<keyof typeof EXPORT_FILES, Row[]> = {} as never;
const sum = (f: (q: (typeof DEMO_STORY.quarters)[number]) => number): number => DEMO_STORY.quarters.reduce((n, q) => n + f(q), 0);

beforeAll(async () => {
  await generateDemoExports(dir);
  for (const [kind, spec] of Object.entries(EXPORT_FILES)) {
    files[kind as keyof typeof EXPORT_FILES] = parse(readFileSync(join(dir, spec.file)), { columns: true }) as Row[];
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo exports', () => {
  it('write each file with the columns its system exports, in a manifest naming the preset', () => {
    const manifest = parseYaml(readFileSync(join(dir, 'manifest.yaml'), 'utf8')) as { files: { file: string; preset: string }[] };
    for (const spec of Object.values(EXPORT_FILES)) {
      const header = readFileSync(join(dir, spec.file), 'utf8').split('\n')[0]!;
      expect(header).toBe(spec.columns.map((c) => `"${c}"`).join(','));
      if (spec.preset) expect(manifest.files).toContainEqual({ file: spec.file, preset: spec.preset });
    }
    expect(manifest.files.map((f) => f.file)).not.toContain(EXPORT_FILES.salesforceCampaigns.file);
  });

  it('give the contact policy data: unreachable leads after the full cadence, a few re-engaged by nurture', () => {
    const history = files.salesforceLeadHistory;
    const unreachable = history.filter((h) => h.NewValue === 'Unreachable');
    expect(unreachable).toHaveLength(sum((q) => q.unreachable));
    expect(history.filter((h) => h.NewValue === 'Recycled')).toHaveLength(sum((q) => q.reengaged));
    expect(unreachable.every((h) => h.CreatedDate! >= DEMO_STORY.fixesLandOn)).toBe(true);
    const tasks = files.salesforceTasks;
    for (const h of unreachable) {
      const before = tasks.filter((t) => t.WhoId === h.LeadId && t.CompletedDateTime! < h.CreatedDate!);
      expect(before.filter((t) => t.Type === 'Call').length).toBeGreaterThanOrEqual(DEMO_STORY.contactPolicy.calls);
      expect(before.filter((t) => t.Type === 'Email').length).toBeGreaterThanOrEqual(DEMO_STORY.contactPolicy.emails);
      expect(before.some((t) => t.CallDisposition === 'Connected')).toBe(false);
    }
    expect(tasks.some((t) => t.Type === 'Meeting')).toBe(true);
  });

  it('plant every disagreement of DEMO_STORY between the two systems', () => {
    const d = DEMO_STORY.disagreements;
    const contacts = new Map(files.hubspotContacts.map((c) => [c.Email!, c]));
    const leads = new Map(files.salesforceLeads.map((l) => [l.Email!, l]));
    for (const p of [d.emailCase, d.plusTag, d.customerVsOpenLead]) {
      expect(contacts.has(p.hubspotEmail)).toBe(true);
      expect(leads.get(p.crmEmail)?.Status).toBe(p.crmStatus);
    }
    expect(d.emailCase.hubspotEmail).not.toBe(d.emailCase.crmEmail);
    expect(d.emailCase.hubspotEmail.toLowerCase()).toBe(d.emailCase.crmEmail);
    expect(contacts.get(d.customerVsOpenLead.hubspotEmail)!['Lifecycle Stage']).toBe('Customer');
    expect(files.salesforceOpportunities.some((o) => o['Contact.Email'] === d.customerVsOpenLead.crmEmail)).toBe(false);
    const hubspotLower = new Set([...contacts.keys()].map((e) => e.toLowerCase()));
    for (const p of d.crmOnlyLeads) {
      expect(leads.has(p.crmEmail)).toBe(true);
      expect(hubspotLower.has(p.crmEmail)).toBe(false);
    }
    const unknown = files.salesforceOpportunities.filter((o) => o['Contact.Email'] === '');
    expect(unknown).toHaveLength(1);
    const domain = normaliseDomain(unknown[0]!['Account.Website']);
    const known = new Set([...files.hubspotContacts, ...files.salesforceLeads].flatMap((p) => [normaliseDomain(p.Email), normaliseDomain(p['Website URL'] ?? p.Website)]));
    expect(known.has(domain)).toBe(false);
  });

  it('carry content URLs as real data has them (utm_*, with and without www, trailing slashes), only of pieces that existed', () => {
    const urls = [
      ...files.hubspotActivities.map((a) => ({ url: a['Page URL']!, at: a['Activity Date']! })),
      ...files.salesforceTasks.map((t) => ({ url: t.Description!, at: t.CompletedDateTime! })),
    ].filter((u) => u.url !== '');
    expect(urls.some((u) => u.url.includes('utm_campaign='))).toBe(true);
    expect(urls.some((u) => u.url.startsWith('https://orbitanalytics.example'))).toBe(true);
    expect(urls.some((u) => /\/(\?|$)/.test(u.url))).toBe(true);
    const canonical = (u: string): string => `https://www.${u.replace(/^https?:\/\/(www\.)?/, '').replace(/[?#].*$/, '').replace(/\/$/, '')}`;
    const pieces = new Map(CONTENT_CATALOGUE.map((p) => [p.url, p]));
    const used = urls.filter((u) => pieces.has(canonical(u.url)));
    expect(used.length).toBeGreaterThan(1000);
    for (const u of used) {
      const since = pieces.get(canonical(u.url))!.since;
      if (since) expect(u.at >= since).toBe(true);
    }
    const sqlPieces = CONTENT_CATALOGUE.filter((p) => p.stages.includes('sql'));
    expect(sqlPieces.every((p) => p.since === DEMO_STORY.fixesLandOn)).toBe(true);
    const catalogue = parseYaml(readFileSync(join(dir, 'content-catalogue.yaml'), 'utf8')) as { pieces: unknown[] };
    expect(catalogue.pieces).toEqual(JSON.parse(JSON.stringify(CONTENT_CATALOGUE)));
  });

  it('put campaigns and channels on marketing touches, and the campaigns with their costs in Campaign.csv', () => {
    const names = new Set(CAMPAIGNS.map((c) => c.name));
    const touches = files.hubspotActivities.filter((a) => a['Campaign Name'] !== '');
    expect(touches.length).toBeGreaterThan(10_000);
    expect(touches.every((a) => names.has(a['Campaign Name']!) && a['Campaign Channel'] !== '')).toBe(true);
    expect(files.salesforceCampaigns.map((c) => [c.Name, Number(c.ActualCost)])).toEqual(CAMPAIGNS.map((c) => [c.name, c.cost]));
  });

  it('grade H1 inquiries mostly poor fit and H2 ones mostly good fit on the buyer profile', () => {
    const share = (from: string, to: string): number => {
      const people = files.hubspotContacts.filter((c) => c['Create Date']! >= from && c['Create Date']! <= `${to} 23:59`);
      const good = people.filter((c) => ['A', 'B'].includes(gradeOf({ industry: c.Industry!, employees: Number(c['Number of Employees']), title: c['Job Title']! })));
      return good.length / people.length;
    };
    expect(share(DEMO_STORY.halves.H1.from, DEMO_STORY.halves.H1.to)).toBeLessThan(0.25);
    expect(share(DEMO_STORY.halves.H2.from, DEMO_STORY.halves.H2.to)).toBeGreaterThan(0.6);
  });

  it('include people and companies with Arabic names', () => {
    const arabic = /[\u0600-\u06FF]/;
    expect(files.hubspotContacts.filter((c) => arabic.test(`${c['First Name']} ${c['Last Name']}`)).length).toBeGreaterThan(50);
    expect(files.salesforceLeads.some((l) => arabic.test(l.Company!))).toBe(true);
  });
});
