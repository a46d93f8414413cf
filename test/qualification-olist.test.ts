import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase, SHARED_DATA } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const OLIST = join(SHARED_DATA, 'olist-marketing-funnel');
const MQL_FILE = join(OLIST, 'olist_marketing_qualified_leads_dataset.csv');
const DEALS_FILE = join(OLIST, 'olist_closed_deals_dataset.csv');
const AT = new Date('2019-06-01T00:00:00Z');

/** Per origin, MQLs and won deals counted straight from the CSVs. */
function directByOrigin(): Map<string | null, { n: number; won: number }> {
  const mqls = parse(readFileSync(MQL_FILE), { columns: true }) as Record<string, string>[];
  const won = new Set((parse(readFileSync(DEALS_FILE), { columns: true }) as Record<string, string>[]).map((d) => d.mql_id));
  const out = new Map<string | null, { n: number; won: number }>();
  for (const m of mqls) {
    const key = m.origin?.trim() ? m.origin.trim() : null;
    const g = out.get(key) ?? { n: 0, won: 0 };
    g.n++;
    if (won.has(m.mql_id)) g.won++;
    out.set(key, g);
  }
  return out;
}

describe.each(DIALECTS)('Olist buyer profile and qualification on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  const direct = directByOrigin();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await services.importFiles({ paths: [MQL_FILE, DEALS_FILE], preset: 'olist' });
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('profile suggest finds the origins that convert best, with the rates of a direct count', async () => {
    const s = await services.suggestProfile({ outcome: 'won', split: 1, seed: 1, minSupport: 30, id: 'olist-profile', at: AT });
    expect(s.people).toBe(8000);
    expect(s.outcomes).toBe(842);
    const origins = s.values.filter((v) => v.field === 'source');
    const expected = [...direct].filter(([, g]) => g.n >= 30);
    expect(origins).toHaveLength(expected.length);
    for (const [origin, g] of expected) {
      const v = origins.find((o) => (o.value === null ? null : String(o.value)) === origin);
      expect(v, String(origin)).toBeDefined();
      expect(v!.n).toBe(g.n);
      expect(v!.outcomes).toBe(g.won);
      expect(v!.rate).toBeCloseTo(g.won / g.n, 12);
    }
    const bestDirect = expected.sort(([, a], [, b]) => b.won / b.n - a.won / a.n).slice(0, 3).map(([o]) => o);
    expect(origins.slice(0, 3).map((o) => o.value)).toEqual(bestDirect);
    // The draft gives points to the best converting origin (blank counts: a missing origin is a value too).
    const best = origins[0]!;
    expect(best.points).toBeGreaterThan(0);
    expect(s.draft).toContain(best.value === null ? '{ field: source, exists: false }' : `{ field: source, eq: ${String(best.value)} }`);
  });

  it('adopting a model replays history under it and keeps the old timelines queryable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-olist-'));
    const file = join(dir, 'model.yaml');
    writeFileSync(file, ['id: olist-paid', 'profile:', '  rules:', '    - { name: paid search, when: { field: source, eq: paid_search }, points: 30 }', '  grades: { A: 30, B: 20, C: 10 }', 'thresholds:', '  mql: { fit: 30, total: 30 }', ''].join('\n'));
    const before = await services.funnelReport({ from: null, to: null, by: null, at: AT });
    const adopted = await services.adoptQualificationModel(file, { author: 'tester' });
    expect(adopted.version).toMatch(/^olist-paid@/);
    // The replay version names the funnel model and every active provider (order is the providers').
    expect(adopted.replayVersion.split('+').sort()).toEqual([...before.modelVersion.split('+'), adopted.version].sort());
    const after = await services.funnelReport({ from: null, to: null, by: null, at: AT });
    expect(after.modelVersion).toBe(adopted.replayVersion);
    const versions = await services.modelVersions('qualification');
    expect(versions).toEqual([expect.objectContaining({ version: adopted.version, author: 'tester', active: true })]);
    // A paid-search lead: its timeline under the new version names the model; the old one stays.
    const paid = direct.get('paid_search')!;
    expect(paid.n).toBeGreaterThan(0);
    const mqls = parse(readFileSync(MQL_FILE), { columns: true }) as Record<string, string>[];
    const lead = mqls.find((m) => m.origin === 'paid_search')!;
    const e = await services.explainPerson(lead.mql_id!, { at: AT, version: null });
    expect(e.score).toMatchObject({ fit: 30, grade: 'A', qualified: true });
    expect(e.rules).toEqual([{ section: 'profile', name: 'paid search', points: 30 }]);
    expect(e.timeline.source).toBe('stored');
    expect(e.otherVersions).toContain(before.modelVersion);
    const old = await services.explainPerson(lead.mql_id!, { at: AT, version: before.modelVersion });
    expect(old.timeline.transitions.map((t) => t.toStage)).toEqual(e.timeline.transitions.filter((t) => !t.reason.startsWith('model:')).map((t) => t.toStage));
    // Olist leads enter as MQLs by hand, so the model's signal never moves them back: reasons stay manual.
    expect(e.timeline.transitions[0]!.reason).toMatch(/^(manual|rule):/);
  });
});
