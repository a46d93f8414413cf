import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { tandem } from './run-cli.js';
import { SMALL_FUNNEL } from './small-funnel-oracle.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const AT = ['--at', '2024-07-01T00:00:00Z'];

/** Every HTML report: the command line, and the charts it must draw. */
const REPORTS: { name: string; argv: string[]; charts: string[] }[] = [
  { name: 'report', argv: ['report'], charts: ['funnel', 'cohorts-triangle', 'cohorts-shares', 'cohorts-time', 'compare-stages', 'compare-conversion', 'days-to-next'] },
  { name: 'cohorts', argv: ['report', 'cohorts', '--by', 'month'], charts: ['cohorts-triangle', 'cohorts-shares', 'cohorts-time'] },
  { name: 'compare', argv: ['report', 'compare', '--a', '2024-Q1', '--b', '2024-Q2', '--by', 'source'], charts: ['compare-stages', 'compare-conversion', 'compare-funnel-a', 'compare-funnel-b'] },
  { name: 'diagnose', argv: ['diagnose', '--from', '2024-01-01', '--to', '2024-06-30'], charts: ['findings'] },
  { name: 'scorecard', argv: ['scorecard', '--period', '2024-01-01..2024-06-30', '--goal', '550000'], charts: ['scorecard'] },
  { name: 'plan', argv: ['plan', '--revenue', '3000000', '--period', '2025-Q3'], charts: ['plan'] },
];

describe('the HTML report in headless Chromium', () => {
  let db: TestDatabase;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    db = await freshDatabase('sqlite');
    expect((await tandem(db.location, 'import', SMALL_FUNNEL)).code).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await db?.drop();
  });

  it.each(REPORTS)('$name: one self-contained file, no console errors, every chart drawn', async ({ name, argv, charts }) => {
    const r = await tandem(db.location, ...argv, '--format', 'html', ...AT);
    expect(r.code, r.err).toBe(0);
    // Self-contained: nothing is loaded from elsewhere.
    expect(r.out).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/i);
    const file = join(ARTIFACTS, `${name}.html`);
    writeFileSync(file, r.out);

    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) requests.push(req.url());
    });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-charts-drawn]');
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((c) => {
        const ctx = c.getContext('2d')!;
        const pixels = ctx.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
        // Chart.js's own record of what it drew: data elements with a size.
        const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: unknown[] }; getDatasetMeta(i: number): { data: { width?: number; height?: number; x: number; y: number }[] } } | undefined } }).Chart.getChart(c);
        const elements = chart ? chart.data.datasets.flatMap((_, i) => chart.getDatasetMeta(i).data) : [];
        const sized = elements.filter((e) => Number.isFinite(e.x) && Number.isFinite(e.y) && (e.width === undefined || e.width > 0)).length;
        return { id: c.id, width: c.width, height: c.height, painted, elements: elements.length, sized };
      }),
    );
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.close();

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(drawn.map((d) => d.id)).toEqual(charts);
    for (const d of drawn) {
      expect(d.width, d.id).toBeGreaterThan(100);
      expect(d.height, d.id).toBeGreaterThan(100);
      // A chart, not an empty canvas: a good share of its pixels are painted.
      expect(d.painted / (d.width * d.height), d.id).toBeGreaterThan(0.02);
      expect(d.elements, d.id).toBeGreaterThan(0);
      expect(d.sized, d.id).toBeGreaterThan(0);
    }
  });

  it('Arabic text and hostile values arrive as text, never as markup', async () => {
    const r = await tandem(db.location, 'report', '--by', 'source', '--format', 'html', ...AT);
    expect(r.out).toContain('معرض');
    expect(r.out).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)');
    expect(r.out).not.toContain('"http://evil.example"');
  });
});
