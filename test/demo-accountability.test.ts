import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../src/app/services.js';
import { loadFunnelModel } from '../src/config/load-funnel-model.js';
import { stageDefinition } from '../src/domain/funnel-model.js';
import { openServices } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

/**
 * The acceptance of the accountability issue on the demo company (DEMO_STORY, built on the demo
 * branch). The demo modules are loaded by path so that this file compiles, and is skipped, until
 * they are on the same branch.
 */
const DEMO_SOURCES = join(import.meta.dirname, '..', 'src', 'demo');
const hasDemo = existsSync(join(DEMO_SOURCES, 'demo-story.ts')) && existsSync(join(DEMO_SOURCES, 'generate-demo-exports.ts'));

type QuarterId = '2024-Q1' | '2024-Q2' | '2024-Q3' | '2024-Q4';
interface Expected {
  readonly inquiry: number;
  readonly mql: number;
  readonly sal: number;
  readonly won: number;
  readonly wonDeals: number;
  readonly wonAmount: number;
}
interface DemoStoryModule {
  readonly DEMO_STORY: {
    readonly reportAt: string;
    readonly halves: Record<'H1' | 'H2', { readonly from: string; readonly to: string }>;
    readonly quarters: readonly { readonly id: QuarterId; readonly won: number }[];
  };
  expectedCohort(quarters: readonly QuarterId[]): Expected;
}
interface GeneratorModule {
  generateDemoExports(dir: string): Promise<unknown>;
}

const model = loadFunnelModel();

describe.runIf(hasDemo).each(DIALECTS)('accountability on the demo company, %s', (dialect) => {
  let work: string;
  let story: DemoStoryModule;
  let db: TestDatabase;
  let services: Services;
  let at: Date;

  beforeAll(async () => {
    const storyPath = '../src/demo/demo-story.js';
    const generatorPath = '../src/demo/generate-demo-exports.js';
    story = (await import(/* @vite-ignore */ storyPath)) as DemoStoryModule;
    work = mkdtempSync(join(tmpdir(), 'tandem-demo-accountability-'));
    await ((await import(/* @vite-ignore */ generatorPath)) as GeneratorModule).generateDemoExports(work);
    at = new Date(story.DEMO_STORY.reportAt);
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    await services.importFiles({ paths: [work] });
  });
  afterAll(async () => {
    await services?.close();
    await db?.drop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('diagnose H1 names the mql→sal glut as the top finding, owned by sales, worth what the story says', async () => {
    const { H1 } = story.DEMO_STORY.halves;
    const d = await services.diagnose({ from: H1.from, to: H1.to, at });
    const top = d.findings[0]!;
    expect(top).toMatchObject({ stage: 'sal', transition: 'mql→sal', owner: stageDefinition(model, 'sal').owner, kind: 'conversion', basis: 'target' });
    expect(top.owner).toBe('sales');
    // From the story's parameters: H1 MQLs × (target − actual) more SALs, won at the H1 SAL→won rate, at the H1 deal size.
    const h1 = story.expectedCohort(['2024-Q1', '2024-Q2']);
    const target = stageDefinition(model, 'mql').targetConversion!;
    const deals = h1.mql * (target - h1.sal / h1.mql) * (h1.won / h1.sal);
    expect(top.figures.conversion).toBeCloseTo(h1.sal / h1.mql, 9);
    expect(top.dealsAtStake).toBeCloseTo(deals, 1);
    expect(top.revenueAtStake).toBeCloseTo(deals * (h1.wonAmount / h1.wonDeals), -2);
  });

  it('diagnose H2 no longer names mql→sal: the hand-off meets its target', async () => {
    const { H2 } = story.DEMO_STORY.halves;
    const d = await services.diagnose({ from: H2.from, to: H2.to, at });
    expect(d.findings.length).toBeGreaterThan(0);
    expect(d.findings[0]!.transition).not.toBe('mql→sal');
    expect(d.findings.some((f) => f.transition === 'mql→sal' && f.kind === 'conversion')).toBe(false);
  });

  it('compare Q2 with Q4: inquiries down ~90%, won deals about three times', async () => {
    const c = await services.compareReport({ a: '2024-Q2', b: '2024-Q4', by: null, at });
    const q2 = story.expectedCohort(['2024-Q2']);
    const q4 = story.expectedCohort(['2024-Q4']);
    const inquiries = c.change.stages.find((s) => s.id === 'inquiry')!.reached;
    expect(inquiries.absolute).toBe(q4.inquiry - q2.inquiry);
    expect(inquiries.relative).toBeCloseTo((q4.inquiry - q2.inquiry) / q2.inquiry, 12);
    expect(inquiries.relative).toBeCloseTo(-0.9, 1);
    expect(c.a.revenue.wonCount).toBe(q2.wonDeals);
    expect(c.b.revenue.wonCount).toBe(q4.wonDeals);
    expect(1 + c.change.revenue.wonCount.relative!).toBe(3);
    expect(c.change.revenue.wonAmount.absolute).toBe(q4.wonAmount - q2.wonAmount);
  });

  it("quarterly cohorts are the story's quarters", async () => {
    const r = await services.cohortReport({ grain: 'quarter', from: null, to: null, split: null, at });
    for (const q of story.DEMO_STORY.quarters) {
      const row = r.cohorts.find((c) => c.cohort === q.id)!;
      const e = story.expectedCohort([q.id]);
      expect(row.size, q.id).toBe(e.inquiry);
      expect(row.stages.find((s) => s.id === 'won')!.reached, q.id).toBe(e.won);
    }
  });
});
