import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reject } from '../src/app/ports/import-records.js';
import { runCli } from '../src/cli/program.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { tempFile } from './read-import.js';

const AT = new Date('2030-01-01T00:00:00Z');

/**
 * A persons export with one of each fault the acceptance names (bad date, missing id, wrong
 * column count, invalid UTF-8) and a stray quote, between good rows (one in Arabic, one with a
 * quoted line break). Rows are numbered as a spreadsheet shows them: the header is row 1.
 */
function brokenFile(): string {
  const text = [
    'id,email,first_name,last_name,source,created_at', // 1
    'p1,ann@example.com,Ann,Lee,web,2024-01-02', // 2
    'p2,,محمد,العلي,معرض,2024-01-03', // 3
    'p3,bad-date@example.com,Bo,Chan,web,31/31/2024', // 4 bad date
    ',,No,Id,web,2024-01-04', // 5 neither id nor email
    'p5,five@example.com,Too,Many,web,2024-01-05,extra', // 6 wrong column count
    'p6,six@example.com,Caf\uFFFF,X,web,2024-01-06', // 7 invalid UTF-8 (the marker becomes a raw 0xE9 byte below)
    'p7,seven@example.com,"Two\nLines",Y,web,2024-01-07', // 8 good: a quoted line break
    'p8,"broken,Bo,Z,web,2024-01-08', // 9 a stray quote
    'p9,nine@example.com,Nine,Z,معرض,2024-01-09', // 10
  ].join('\n');
  const bytes = Buffer.from(text, 'utf8');
  const marker = Buffer.from('\uFFFF', 'utf8');
  const at = bytes.indexOf(marker);
  return tempFile('broken-persons.csv', Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + marker.length)]));
}

const EXPECTED_REJECTS: [number, string | null, RegExp][] = [
  [4, 'createdAt', /"31\/31\/2024" is not a date/],
  [5, 'externalId', /neither an id nor an email/],
  [6, null, /has 7 columns, the header has 6/],
  [7, null, /invalid UTF-8.*--encoding windows-1252/],
  [9, null, /unreadable CSV: .*stray or unclosed quote/],
];

describe.each(DIALECTS)('a CSV with broken rows on %s', (dialect) => {
  let db: TestDatabase;
  const file = brokenFile();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('Services.importFiles lands the good rows and lists each bad one with its row and reason', async () => {
    const services = await openServices(db.location);
    try {
      const seen: Reject[] = [];
      const result = await services.importFiles({ paths: [file], preset: 'generic-persons' }, { onRejects: (r) => seen.push(...r) });
      expect(result.rows).toBe(9);
      expect(result.rejected).toBe(5);
      expect(seen.map((r) => [r.row, r.field])).toEqual(EXPECTED_REJECTS.map(([row, field]) => [row, field]));
      seen.forEach((r, i) => {
        expect(r.file).toBe('broken-persons.csv');
        expect(r.reason).toMatch(EXPECTED_REJECTS[i]![2]);
      });
      const report = await services.funnelReport({ from: null, to: null, by: 'source', at: AT });
      expect(report.stages.find((s) => s.id === 'inquiry')!.reached).toBe(4);
      const arabic = report.groups!.find((g) => g.key === 'معرض');
      expect(arabic?.stages.find((s) => s.id === 'inquiry')!.reached).toBe(2);
      // Importing the same file again changes nothing and reports the same rows.
      const again = await services.importFiles({ paths: [file], preset: 'generic-persons' });
      expect(again.activitiesInserted).toBe(0);
      expect(again.rejected).toBe(5);
      const after = await services.funnelReport({ from: null, to: null, by: 'source', at: AT });
      expect(after).toEqual(report);
    } finally {
      await services.close();
    }
  });

  it('the CLI writes the rejects CSV (file, row, field, reason, raw) and the Arabic source survives into the CSV report', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const rejectsPath = tempFile(`rejects-${dialect}.csv`, '');
    const deps = { open: openServices, admin: storeAdmin, defaultDb: db.location, out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    const code = await runCli(['import', '--preset', 'generic-persons', '--rejects', rejectsPath, file], deps);
    expect(code, err.join("\n")).toBe(0);
    expect(out.join('\n')).toContain('broken-persons.csv: 9 rows as persons (persons), 4 landed, 5 rejected');
    expect(out.join('\n')).toContain(`Rejected rows, with row number and reason: ${rejectsPath}`);
    const rows = parse(readFileSync(rejectsPath), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [Number(r.row), r.field || null])).toEqual(EXPECTED_REJECTS.map(([row, field]) => [row, field]));
    rows.forEach((r, i) => {
      expect(r.file).toBe('broken-persons.csv');
      expect(r.reason).toMatch(EXPECTED_REJECTS[i]![2]);
    });
    expect(rows[0]!.raw).toContain('31/31/2024');

    out.length = 0;
    expect(await runCli(['report', '--by', 'source', '--format', 'csv', '--at', AT.toISOString()], deps)).toBe(0);
    expect(out.join('\n')).toContain('معرض');
  });
});
