import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { tandem } from './run-cli.js';
import { SMALL_FUNNEL } from './small-funnel-oracle.js';

const AT = ['--at', '2024-07-01T00:00:00Z'];

describe('accountability commands, as a user runs them', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    expect((await tandem(db.location, 'import', SMALL_FUNNEL)).code).toBe(0);
  });
  afterAll(async () => db?.drop());

  it('report cohorts --by quarter reaches the cohorts command (not the parent report\'s --by)', async () => {
    const r = await tandem(db.location, 'report', 'cohorts', '--by', 'quarter', '--format', 'json', ...AT);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { grain: string; cohorts: { cohort: string; size: number }[] };
    expect(json.grain).toBe('quarter');
    expect(json.cohorts.map((c) => c.cohort)).toEqual(['2024-Q1', '2024-Q2']);
  });

  it('report cohorts --by a field is refused with a pointer to --split', async () => {
    const r = await tandem(db.location, 'report', 'cohorts', '--by', 'source');
    expect(r.code).toBe(64);
    expect(r.err).toContain('--split');
  });

  it('report compare prints {a, b, change} and refuses a missing or bad period', async () => {
    const ok = await tandem(db.location, 'report', 'compare', '--a', '2024-01', '--b', '2024-Q2', '--format', 'json', ...AT);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.out) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['a', 'b', 'change']);
    expect(await tandem(db.location, 'report', 'compare', '--a', '2024-Q2')).toMatchObject({ code: 64, err: expect.stringContaining('--b') });
    expect(await tandem(db.location, 'report', 'compare', '--a', '2024-Q5', '--b', '2024-Q2')).toMatchObject({ code: 64, err: expect.stringContaining('--a "2024-Q5" is not a period') });
  });

  it('CSV output is safe against formula injection and keeps Arabic text', async () => {
    const r = await tandem(db.location, 'report', 'compare', '--a', '2024-Q1', '--b', '2024-Q2', '--by', 'source', '--format', 'csv', ...AT);
    expect(r.code).toBe(0);
    const cells = (parse(r.out) as string[][]).flat();
    expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
    for (const c of cells) expect(c, c).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells.some((c) => c.includes('معرض'))).toBe(true);
    // Negative changes stay readable (a true minus sign, not an escaped formula).
    expect(cells.some((c) => /^−\d/.test(c))).toBe(true);
  });

  it('diagnose --format json has the findings shape, most important first', async () => {
    const r = await tandem(db.location, 'diagnose', '--from', '2024-01-01', '--to', '2024-06-30', '--format', 'json', ...AT);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { findings: Record<string, unknown>[] };
    expect(Object.keys(json)[0]).toBe('findings');
    expect(json.findings.length).toBeGreaterThan(0);
    for (const f of json.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['stage', 'owner', 'kind', 'revenueAtStake', 'dealsAtStake', 'summary']));
    const stakes = json.findings.map((f) => f.revenueAtStake as number);
    expect(stakes).toEqual([...stakes].sort((a, b) => b - a));
  });

  it('diagnose --period and --from together are refused', async () => {
    const r = await tandem(db.location, 'diagnose', '--period', '2024-Q1', '--from', '2024-01-01');
    expect(r.code).toBe(64);
  });

  it('scorecard and plan print in every text format', async () => {
    for (const format of ['table', 'md', 'csv']) {
      const s = await tandem(db.location, 'scorecard', '--period', '2024-01-01..2024-06-30', '--goal', '550,000', '--format', format, ...AT);
      expect(s.code, s.err).toBe(0);
      expect(s.out).toContain('marketing');
      expect(s.out).toContain('سارة');
      const p = await tandem(db.location, 'plan', '--revenue', '3000000', '--period', '2025-Q3', '--format', format, ...AT);
      expect(p.code, p.err).toBe(0);
      expect(p.out).toContain('opportunity');
    }
    const bad = await tandem(db.location, 'plan', '--revenue', 'lots', '--period', '2025-Q3');
    expect(bad).toMatchObject({ code: 64, err: expect.stringContaining('--revenue must be a positive amount') });
  });

  it('--unit account is accepted by every report', async () => {
    for (const argv of [['report'], ['report', 'cohorts'], ['report', 'compare', '--a', '2024-Q1', '--b', '2024-Q2'], ['diagnose'], ['scorecard']]) {
      const r = await tandem(db.location, ...argv, '--unit', 'account', '--format', 'json', ...AT);
      expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
      expect(r.out).toContain('"unit": "account"');
    }
  });
});
