import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { FunnelReport } from '../src/domain/funnel-report.js';
import { DIALECTS, SHARED_DATA } from './dialects.js';
import { withServices } from './with-services.js';

const LEADS = join(SHARED_DATA, 'x-education-lead-scoring', 'Leads.csv');
const BANK = join(SHARED_DATA, 'uci-bank-marketing', 'bank-additional-full.csv');
const AT = new Date('2030-01-01T00:00:00Z');
/** 41,188 persons imported and replayed: minutes on a loaded 2-core machine, on PostgreSQL most. */
const SLOW = 300_000;

/** Counted straight from the files with another CSV parser, independently of Tandem's importers. */
function direct(): { leads: number; converted: number; bank: number; subscribed: number } {
  const leads = parse(readFileSync(LEADS), { columns: true, bom: true }) as Record<string, string>[];
  const bank = parse(readFileSync(BANK), { columns: true, delimiter: ';' }) as Record<string, string>[];
  return {
    leads: new Set(leads.map((l) => l['Prospect ID'])).size,
    converted: leads.filter((l) => l.Converted === '1').length,
    bank: bank.length,
    subscribed: bank.filter((b) => b.y === 'yes').length,
  };
}

const reached = (r: FunnelReport, id: string): number => r.stages.find((s) => s.id === id)!.reached;

describe.each(DIALECTS)('real datasets through the presets on %s', (dialect) => {
  const expected = direct();
  const services = withServices(dialect);

  it('X Education: 9240 persons, won = the rows with Converted = 1', async () => {
    expect(expected.leads).toBe(9240);
    const result = await services().importFiles({ paths: [LEADS], preset: 'x-education' });
    expect(result.rejected).toBe(0);
    expect(result.rows).toBe(9240);
    const report = await services().funnelReport({ from: null, to: null, by: null, at: AT });
    expect(reached(report, 'inquiry')).toBe(9240);
    expect(reached(report, 'won')).toBe(expected.converted);
    expect(report.revenue.wonCount).toBe(expected.converted);
  }, SLOW);

  it('UCI bank marketing: 41188 persons, won = the rows with y = yes', async () => {
    expect(expected.bank).toBe(41188);
    const result = await services().importFiles({ paths: [BANK], preset: 'uci-bank-marketing' });
    expect(result.rejected).toBe(0);
    expect(result.rows).toBe(41188);
    const report = await services().funnelReport({ from: '2008-01-01', to: '2008-12-31', by: null, at: AT });
    expect(reached(report, 'inquiry')).toBe(41188);
    expect(reached(report, 'won')).toBe(expected.subscribed);
    expect(report.revenue.wonCount).toBe(expected.subscribed);
  }, SLOW);

  it('UCI: re-importing the file changes nothing (row-number ids are stable for the published file)', async () => {
    const again = await services().importFiles({ paths: [BANK], preset: 'uci-bank-marketing' });
    expect(again.activitiesInserted).toBe(0);
    const report = await services().funnelReport({ from: '2008-01-01', to: '2008-12-31', by: null, at: AT });
    expect(reached(report, 'inquiry')).toBe(41188);
    expect(reached(report, 'won')).toBe(expected.subscribed);
  }, SLOW);
});
