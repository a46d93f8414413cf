import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Services } from '../src/app/services.js';
import type { FunnelReport } from '../src/domain/funnel-report.js';
import { DEMO_STORY, expectedCohort } from '../src/demo/demo-story.js';
import type { QuarterId } from '../src/demo/demo-story.js';
import { generateDemoExports } from '../src/demo/generate-demo-exports.js';
import { generateScaleExports } from '../src/demo/generate-scale-exports.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const work = mkdtempSync(join(tmpdir(), 'tandem-demo-test-'));
const demoDir = join(work, 'demo');
const scaleDir = join(work, 'scale');

function folderHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

beforeAll(async () => {
  await generateDemoExports(demoDir);
  await generateScaleExports({ persons: 400, activitiesPerPerson: 8, seed: 3, out: scaleDir });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the demo generator', () => {
  it('is deterministic: the same seed writes the same bytes, another seed other bytes', async () => {
    const again = join(work, 'again');
    const other = join(work, 'other');
    await generateDemoExports(again);
    await generateDemoExports(other, DEMO_STORY.seed + 1);
    expect(folderHash(again)).toBe(folderHash(demoDir));
    expect(folderHash(other)).not.toBe(folderHash(demoDir));
  });

  it('tandem generate is deterministic too', async () => {
    const again = join(work, 'scale-again');
    await generateScaleExports({ persons: 400, activitiesPerPerson: 8, seed: 3, out: again });
    expect(folderHash(again)).toBe(folderHash(scaleDir));
  });
});

const at = new Date(DEMO_STORY.reportAt);
const reached = (r: FunnelReport, id: string): number => r.stages.find((s) => s.id === id)!.reached;
const conversion = (r: FunnelReport, id: string): number => r.stages.find((s) => s.id === id)!.conversionToNext!;

describe.each(DIALECTS)('the demo company imported on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let rejected: number;
  let rows: number;
  const reports = new Map<string, FunnelReport>();
  const report = (key: string): FunnelReport => reports.get(key)!;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    const result = await services.importFiles({ paths: [demoDir] });
    rejected = result.rejected;
    rows = result.rows;
    for (const q of DEMO_STORY.quarters) reports.set(q.id, await services.funnelReport({ from: q.from, to: q.to, by: null, at }));
    for (const [h, p] of Object.entries(DEMO_STORY.halves)) reports.set(h, await services.funnelReport({ from: p.from, to: p.to, by: null, at }));
    reports.set('H1 by source', await services.funnelReport({ ...DEMO_STORY.halves.H1, by: 'source', at }));
    reports.set('by company', await services.funnelReport({ from: null, to: null, by: 'company', at }));
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
  });

  it('imports every generated file with zero rejects', () => {
    const manifest = parseYaml(readFileSync(join(demoDir, 'manifest.yaml'), 'utf8')) as { files: { file: string }[] };
    const dataRows = manifest.files.reduce((n, f) => n + (parse(readFileSync(join(demoDir, f.file))) as unknown[]).length - 1, 0);
    expect(dataRows).toBeGreaterThan(25_000);
    expect(rows).toBe(dataRows);
    expect(rejected).toBe(0);
  });

  it.each(DEMO_STORY.quarters.map((q) => q.id))('shows cohort %s exactly as DEMO_STORY builds it', (id) => {
    const r = report(id);
    const e = expectedCohort([id as QuarterId]);
    expect({
      inquiry: reached(r, 'inquiry'), mql: reached(r, 'mql'), sal: reached(r, 'sal'), sql: reached(r, 'sql'),
      opportunity: reached(r, 'opportunity'), won: reached(r, 'won'), wonDeals: r.revenue.wonCount, lostDeals: r.revenue.lostCount, wonAmount: r.revenue.wonAmount,
    }).toEqual(e);
  });

  it('tells the story: H1 2,000+ inquiries and about $1M from 4 deals; Q4 inquiries 10% of Q2; Q4 won deals 3× Q2', () => {
    const h1 = report('H1');
    expect(reached(h1, 'inquiry')).toBeGreaterThanOrEqual(2000);
    expect(h1.revenue.wonCount).toBe(4);
    expect(h1.revenue.wonAmount).toBe(1_000_000);
    expect(h1.revenue.averageSellingPrice).toBe(250_000);
    expect(reached(report('2024-Q4'), 'inquiry') / reached(report('2024-Q2'), 'inquiry')).toBeCloseTo(0.1, 2);
    expect(report('2024-Q2').revenue.wonCount).toBe(2);
    expect(report('2024-Q4').revenue.wonCount).toBe(6);
    expect(report('2024-Q4').revenue.wonAmount).toBe(3 * report('2024-Q2').revenue.wonAmount);
  });

  it('has the mql → sal glut in H1 (far under the 60% target) and a healthy hand-off in H2', () => {
    expect(report('H1').stages.find((s) => s.id === 'mql')!.targetConversion).toBe(0.6);
    expect(conversion(report('H1'), 'mql')).toBeLessThan(0.2);
    expect(conversion(report('H2'), 'mql')).toBeGreaterThan(0.6);
    // The glut: hundreds of MQLs never accepted nor rejected, every one past its SLA.
    const mql = report('H1').stages.find((s) => s.id === 'mql')!;
    expect(mql.current).toBeGreaterThan(500);
    expect(mql.pastSla).toBe(mql.current);
    expect(report('H2').stages.find((s) => s.id === 'mql')!.current).toBeLessThan(10);
  });

  it('sources 70% of H1 revenue from marketing, as DEMO_STORY lists the deals', () => {
    const groups = report('H1 by source').groups!;
    const salesSourced = groups.find((g) => g.key === 'Outbound')!;
    const total = groups.reduce((n, g) => n + g.revenue.wonAmount, 0);
    const expectedSales = DEMO_STORY.wonDeals.filter((w) => w.quarter <= '2024-Q2' && w.sourced === 'sales').reduce((n, w) => n + w.amount, 0);
    expect(total).toBe(1_000_000);
    expect(salesSourced.revenue.wonAmount).toBe(expectedSales);
    expect((total - expectedSales) / total).toBeCloseTo(0.7, 5);
  });

  it("credits the reps' follow-up to sales, the team that owns the policy's start stage (no team in the mail settings)", async () => {
    const r = await services.followUp.followUpReport({ ...DEMO_STORY.halves.H2, at: at.toISOString() });
    expect(r.byTeam.map((t) => t.group)).toEqual(['sales']);
    expect(r.byTeam[0]!.runs).toBe(r.total.runs);
    expect(r.total.runs).toBeGreaterThan(100);
  });

  it('has content for every stage but one in H1 (a gap sales could not fill), covered in H2, used by reps and by marketing', async () => {
    await services.content.adoptCatalogue(join(demoDir, 'content-catalogue.yaml'));
    const [h1, h2] = [await services.content.coverage({ ...DEMO_STORY.halves.H1, at: DEMO_STORY.reportAt }), await services.content.coverage({ ...DEMO_STORY.halves.H2, at: DEMO_STORY.reportAt })];
    const { gapStage, coveredBy } = DEMO_STORY.content;
    expect(h1.gaps.map((g) => g.stage)).toEqual([gapStage]);
    expect(h1.gaps[0]!.people).toBeGreaterThan(0);
    expect(h2.gaps).toEqual([]);
    const sql = h2.cells.find((c) => c.stage === gapStage)!;
    expect(sql.pieceIds).toEqual([coveredBy]);
    expect(sql.uses.sales).toBeGreaterThan(0);
    const total = (c: typeof h1, team: 'sales' | 'marketing') => c.cells.reduce((n, x) => n + x.uses[team], 0);
    for (const c of [h1, h2]) for (const team of ['sales', 'marketing'] as const) expect(total(c, team)).toBeGreaterThan(0);
  });

  it('keeps Arabic company names through import and reports', () => {
    const keys = report('by company').groups!.map((g) => g.key);
    expect(keys).toContain('شركة الرياض للتقنية');
    expect(keys).toContain('مجموعة الخليج المالية');
  });
});

describe.each(DIALECTS)('tandem generate output imported on %s', (dialect) => {
  it('imports with zero rejects', async () => {
    const db = await freshDatabase(dialect);
    const services = await openServices(db.location);
    try {
      const result = await services.importFiles({ paths: [scaleDir] });
      expect(result.files.map((f) => f.mapping).sort()).toEqual(['activities', 'contacts', 'lead', 'lead-history', 'opportunity', 'task']);
      expect(result.rows).toBeGreaterThan(400 * 3);
      expect(result.rejected).toBe(0);
      const r = await services.funnelReport({ from: null, to: null, by: null, at });
      expect(reached(r, 'inquiry')).toBe(400);
    } finally {
      await services.close();
      await db.drop();
    }
  });
});
