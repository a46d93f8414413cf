import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptReport } from '../src/app/attempt-report.js';
import type { Services } from '../src/app/services.js';
import { runCli } from '../src/cli/program.js';
import { listPresets } from '../src/importers/load-mapping.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { DIALECTS, freshDatabase, SHARED_DATA } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const CSV = join(SHARED_DATA, 'uci-bank-marketing', 'bank-additional-full.csv');
const MAPPING = join(import.meta.dirname, 'fixtures', 'follow-up', 'uci-bank-marketing.yaml');

/** Per number of contacts (`campaign`): people and subscriptions (`y`), counted straight from the CSV. */
function direct(): { rows: Record<string, string>[]; byCampaign: Map<number, { people: number; won: number }> } {
  const rows = parse(readFileSync(CSV), { columns: true, delimiter: ';' }) as Record<string, string>[];
  const byCampaign = new Map<number, { people: number; won: number }>();
  for (const r of rows) {
    const k = Number(r.campaign);
    const g = byCampaign.get(k) ?? { people: 0, won: 0 };
    g.people++;
    if (r.y === 'yes') g.won++;
    byCampaign.set(k, g);
  }
  return { rows, byCampaign };
}

describe.each(DIALECTS)('attempt curve on the UCI bank-marketing data on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let dir: string;
  let report: AttemptReport;
  const expected = direct();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    services = await openServices(db.location);
    dir = mkdtempSync(join(tmpdir(), 'tandem-uci-'));
    let imported;
    if (listPresets().includes('uci-bank-marketing')) {
      // The bundled preset reads the published file as it is (ids from row numbers).
      imported = await services.importFiles({ paths: [CSV], preset: 'uci-bank-marketing', replay: false });
    } else {
      // Until the preset lands: the file has no ids, so a temporary copy adds the row number as one.
      const header = Object.keys(expected.rows[0]!);
      const file = join(dir, 'bank-additional-full.csv');
      writeFileSync(file, stringify([['row', ...header], ...expected.rows.map((r, i) => [String(i + 1), ...header.map((h) => r[h]!)])], { delimiter: ';' }));
      imported = await services.importFiles({ paths: [file], mapping: MAPPING, replay: false });
    }
    expect(imported.rejected).toBe(0);
    report = await services.followUp.attemptReport({ attemptsField: 'campaign', threshold: 0.05, minAtRisk: 30 });
  }, 240_000);
  afterAll(async () => {
    await services?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the CSV\'s 41,188 people and 4,640 subscriptions', () => {
    expect(expected.rows).toHaveLength(41188);
    expect(report.people).toBe(41188);
    expect(report.byAttempts.reduce((n, b) => n + b.won, 0)).toBe(4640);
  });

  it('matches, per number of contacts, the people, wins and win rate counted from the CSV', () => {
    expect(report.byAttempts.map((b) => b.attempts)).toEqual([...expected.byCampaign.keys()].sort((a, b) => a - b));
    for (const b of report.byAttempts) {
      const e = expected.byCampaign.get(b.attempts)!;
      expect([b.attempts, b.people, b.won]).toEqual([b.attempts, e.people, e.won]);
      expect(b.winRate).toBeCloseTo(e.won / e.people, 12);
      expect(b.connected).toBeNull(); // the data has no connection signal
      expect(b.winRateLow).toBeLessThanOrEqual(b.winRate);
      expect(b.winRateHigh).toBeGreaterThanOrEqual(b.winRate);
    }
    const one = report.byAttempts[0]!;
    expect([one.attempts, one.people, one.won]).toEqual([1, 17642, 2300]);
  });

  it('gives the chance of a win at contact k among those still unconverted, as the CSV does', () => {
    expect(report.basis).toBe('win');
    for (const p of report.curve) {
      let atRisk = 0;
      for (const [k, g] of expected.byCampaign) if (k >= p.attempt) atRisk += g.people;
      const wins = expected.byCampaign.get(p.attempt)?.won ?? 0;
      expect([p.attempt, p.atRisk, p.outcomes]).toEqual([p.attempt, atRisk, wins]);
      expect(p.rate).toBeCloseTo(wins / atRisk, 12);
    }
    // Contact 2: 1,211 wins among the 23,546 people contacted at least twice.
    expect(report.curve[1]).toMatchObject({ attempt: 2, atRisk: 23546, outcomes: 1211 });
  });

  it('recommends a policy length: after 2 contacts a further one wins below 5%, keeping 75.6% of wins', () => {
    const r = report.recommendation;
    expect(r).toMatchObject({ basis: 'win', threshold: 0.05, attempts: 2 });
    expect(r.keepsShare).toBeCloseTo((2300 + 1211) / 4640, 12);
    expect(r.text).toContain('After attempt 2');
    expect(r.text).toContain('keeps 75.7% of wins');
  });

  it('`tandem report attempts --format json` prints byAttempts and the recommendation', async () => {
    let out = '';
    const code = await runCli(['--db', db.location, 'report', 'attempts', '--attempts-from', 'campaign', '--format', 'json'], {
      open: openServices,
      admin: storeAdmin,
      defaultDb: db.location,
      out: (t) => (out += t),
      err: () => {},
    });
    expect(code).toBe(0);
    const json = JSON.parse(out) as { byAttempts: Record<string, unknown>[]; recommendation: Record<string, unknown> };
    expect(Object.keys(json.byAttempts[0]!)).toEqual(expect.arrayContaining(['attempts', 'people', 'connected', 'won', 'winRate']));
    expect(json.byAttempts[0]).toMatchObject({ attempts: 1, people: 17642, connected: null, won: 2300 });
    expect(json.recommendation).toMatchObject({ attempts: 2, basis: 'win' });
  });
});
