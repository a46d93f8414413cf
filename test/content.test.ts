import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { newcombe } from '../src/domain/newcombe.js';
import { DIALECTS } from './dialects.js';
import { startApi } from './http-harness.js';
import type { Api } from './http-harness.js';

const FOLLOW_UP = join(import.meta.dirname, 'fixtures', 'follow-up');
const CATALOGUE = join(import.meta.dirname, 'fixtures', 'content', 'catalogue.yaml');
const AT = '2025-01-01T00:00:00.000Z';
const H1 = { from: '2024-01-01', to: '2024-06-30' };

// Four grade-A people reach sal on 2024-01-10: e1 and e2 are sent the case study by a rep (as URL
// variants), e1 and c1 reach sql. ليلى (grade C, Arabic) reaches sal too. Three people read the same blog post.
const PEOPLE = [
  ['id', 'email', 'first_name', 'last_name', 'company', 'owner', 'do_not_call', 'do_not_email', 'created', 'grade', 'language'],
  ['e1', 'e1@example.com', 'Eve', 'One', 'A1', 'sara', 'no', 'no', '2024-01-02T09:00:00Z', 'A', 'en'],
  ['e2', 'e2@example.com', 'Eli', 'Two', 'A2', 'sara', 'no', 'no', '2024-01-02T09:00:00Z', 'A', 'en'],
  ['c1', 'c1@example.com', 'Cal', 'One', 'C1', 'sara', 'no', 'no', '2024-01-02T09:00:00Z', 'A', 'en'],
  ['c2', 'c2@example.com', 'Cy', 'Two', 'C2', 'sara', 'no', 'no', '2024-01-02T09:00:00Z', 'A', ''],
  ['g', 'layla@example.com', 'ليلى', 'حداد', 'شركة الأفق', 'sara', 'no', 'no', '2024-01-02T09:00:00Z', 'C', 'ar'],
];
const ACTIVITIES = [
  ['id', 'person', 'type', 'at', 'actor', 'stage', 'url', 'redirect_url'],
  ...['e1', 'e2', 'c1', 'c2', 'g'].map((p) => [`${p}-sal`, p, 'stage_change', '2024-01-10T09:00:00Z', 'marketing', 'sal', '', '']),
  ['e1-case', 'e1', 'email_sent', '2024-01-12T09:00:00Z', 'rep', '', 'https://orbit.example/customers/northwind/?utm_source=salesforce&utm_medium=email', ''],
  ['e2-case', 'e2', 'email_click', '2024-01-12T10:00:00Z', 'rep', '', 'https://t.hubspotlinks.example/Ctc/abc', 'HTTP://WWW.ORBIT.EXAMPLE/customers/northwind#results'],
  ['e1-sql', 'e1', 'stage_change', '2024-01-20T09:00:00Z', 'rep', 'sql', '', ''],
  ['c1-sql', 'c1', 'stage_change', '2024-01-20T09:00:00Z', 'rep', 'sql', '', ''],
  ...['e1', 'e2', 'c1'].map((p) => [`${p}-blog`, p, 'page_view', '2024-01-15T09:00:00Z', '', '', `https://www.orbit.example/blog/funnel-math?utm_campaign=${p}&gclid=x`, '']),
];

describe.each(DIALECTS)('the content catalogue on %s', (dialect) => {
  let api: Api;
  let services: Services;
  let dir: string;

  beforeAll(async () => {
    api = await startApi(dialect, 'inject');
    services = api.services;
    dir = mkdtempSync(join(tmpdir(), 'tandem-content-'));
    writeFileSync(join(dir, 'people.csv'), stringify(PEOPLE));
    writeFileSync(join(dir, 'activities.csv'), stringify(ACTIVITIES));
    expect((await services.importFiles({ paths: [join(dir, 'people.csv')], mapping: join(FOLLOW_UP, 'people.yaml'), replay: false })).rejected).toBe(0);
    expect((await services.importFiles({ paths: [join(dir, 'activities.csv')], mapping: join(FOLLOW_UP, 'activities.yaml') })).rejected).toBe(0);
  });
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports need a catalogue: none adopted is a clear error', async () => {
    await expect(services.content.coverage({ ...H1, at: AT })).rejects.toThrow(/no content catalogue is adopted: run `tandem content adopt FILE`/);
  });

  it('keeps every adopted catalogue version in the model store, the last one active', async () => {
    const first = await services.content.adoptCatalogue(CATALOGUE);
    const edited = join(dir, 'catalogue-2.yaml');
    writeFileSync(edited, `${readFileSync(CATALOGUE, 'utf8')}# reviewed\n`);
    const second = await services.content.adoptCatalogue(edited);
    await services.content.adoptCatalogue(CATALOGUE);
    const versions = await services.modelVersions('content');
    expect(versions.map((v) => v.version).sort()).toEqual([first.version, second.version].sort());
    expect(versions.find((v) => v.active)?.version).toBe(first.version);
    expect((await services.content.catalogue()).version).toBe(first.version);
  });

  it('coverage: uses matched through URL variants and redirects, people per stage and grade, the gaps', async () => {
    const c = await services.content.coverage({ ...H1, at: AT });
    const cell = (stage: string, grade: string) => c.cells.find((x) => x.stage === stage && x.grade === grade)!;
    expect(cell('sal', 'A')).toMatchObject({ pieces: 1, pieceIds: ['case-a'], people: 4, uses: { sales: 2, marketing: 0, total: 2 } });
    expect(cell('sal', 'C')).toMatchObject({ pieces: 0, people: 1 });
    expect(cell('sql', 'A')).toMatchObject({ pieces: 0, people: 2 });
    expect(c.gaps.map((g) => `${g.stage}/${g.grade}:${g.people}`)).toEqual(['sal/C:1', 'sql/A:2']);
    const h2 = await services.content.coverage({ from: '2024-07-01', to: '2024-12-31', at: AT });
    await expect(services.content.coverage({ from: '2024-02-30', to: null, at: AT })).rejects.toThrow('--from must be a day as YYYY-MM-DD, not "2024-02-30"');
    expect(h2.gaps.map((g) => `${g.stage}/${g.grade}`)).toEqual(['sal/C']);
  });

  it('influence: exposed vs control at sal with the interval of the difference', async () => {
    const r = await services.content.influence({ from: '2024-01-01', to: '2024-12-31', at: AT });
    const row = r.pieces.find((p) => p.id === 'case-a' && p.stage === 'sal')!;
    // Exposed e1 (converts), e2; control: c1 (converts), c2 — ليلى is grade C, not the exposed people's grade.
    expect([row.exposed, row.exposedConverted, row.control, row.controlConverted]).toEqual([2, 1, 2, 1]);
    const d = newcombe(1, 2, 1, 2);
    expect(row.ci).toEqual({ low: d.low, high: d.high });
    expect(row.lift).toBe(1);
  });

  it('candidates: the blog post three people read is in no piece', async () => {
    const r = await services.content.candidates({ from: null, to: null, at: AT, minPeople: 3 });
    expect(r.candidates.map((c) => [c.url, c.people, c.marketing])).toEqual([['orbit.example/blog/funnel-math', 3, 3]]);
  });

  it('the work queue suggests the piece for each person’s stage, grade and language not already sent', async () => {
    const q = await services.followUp.queue({ owner: null, at: '2024-01-13T09:00:00.000Z' });
    const by = Object.fromEntries(q.items.map((i) => [i.email, i.suggestedContent?.id ?? null]));
    expect(by).toEqual({ 'e1@example.com': null, 'e2@example.com': null, 'c1@example.com': 'case-a', 'c2@example.com': 'case-a', 'layla@example.com': null });
    const digest = (await services.followUp.digests({ owner: 'sara', at: '2024-01-13T09:00:00.000Z', send: false })).digests[0]!.markdown;
    expect(digest).toContain('## Content to send');
    expect(digest).toContain('| Cal One | sal | How Northwind tripled pipeline | https://www.orbit.example/customers/northwind |');
  });

  it('serves the reports over HTTP to a reader, with the JSON contracts', async () => {
    const cov = await api.client.call('GET', '/api/content/coverage?from=2024-01-01&to=2024-06-30&at=2025-01-01T00:00:00Z', { token: api.tokens.viewer });
    expect(cov.status).toBe(200);
    expect(Object.keys(cov.json.cells[0])).toEqual(expect.arrayContaining(['stage', 'grade', 'pieces', 'uses']));
    expect(cov.json.gaps).toHaveLength(2);
    const inf = await api.client.call('GET', '/api/content/influence?at=2025-01-01T00:00:00Z', { token: api.tokens.viewer });
    expect(Object.keys(inf.json.pieces[0])).toEqual(expect.arrayContaining(['id', 'exposed', 'exposedConverted', 'control', 'controlConverted', 'lift', 'ci']));
    const cand = await api.client.call('GET', '/api/content/candidates?minPeople=3', { token: api.tokens.viewer });
    expect(cand.json.candidates[0].url).toBe('orbit.example/blog/funnel-math');
    expect((await api.client.call('GET', '/api/content/coverage')).status).toBe(401);
  });
});
