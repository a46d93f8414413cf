/**
 * Property-based tests of the CSV import path: random and malformed files never crash or hang,
 * and every failure names its place; well-formed files read back exactly what was written.
 */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../src/domain/errors.js';
import { openCsv } from '../src/importers/read-csv.js';
import { readImport, tempFile } from './read-import.js';

let n = 0;
const nextName = (): string => `prop-${process.pid}-${n++}.csv`;

/** Characters that break CSV readers: separators, quotes, line ends, BOMs, non-Latin letters, combining marks. */
const nasty = fc.constantFrom(',', ';', '\t', '"', '"', '\n', '\r', '\r\n', ' ', 'a', 'id', 'email', '@', '.', '1', '2024-01-01', 'é', 'e\u0301', 'محمد', '王', '\uFEFF', '\u0000', '\uFFFD', '=');
const csvishText = fc.array(nasty, { maxLength: 300 }).map((parts) => parts.join(''));
/** A header the generic persons preset reads, then anything. */
const personsLike = fc.tuple(fc.constantFrom('id,email,created_at\n', 'id;email;created_at\r\n', '"id","email"\n', ''), csvishText).map(([h, body]) => h + body);

/** Runs the whole import reading path; returns what it made, or the TandemError it raised. */
async function importOutcome(content: string | Uint8Array): Promise<{ ok: Awaited<ReturnType<typeof readImport>> } | { error: TandemError }> {
  try {
    return { ok: await readImport({ paths: [tempFile(nextName(), content)], preset: 'generic-persons' }) };
  } catch (e) {
    if (e instanceof TandemError) return { error: e };
    throw e;
  }
}

function expectNamedPlace(outcome: Awaited<ReturnType<typeof importOutcome>>): void {
  if ('error' in outcome) {
    expect(outcome.error.place.file).toBeTruthy();
    expect(outcome.error.message.length).toBeGreaterThan(10);
    return;
  }
  for (const r of outcome.ok.rejects) {
    expect(r.file).toMatch(/^prop-.*\.csv$/);
    expect(r.row).toBeGreaterThanOrEqual(2);
    expect(r.reason.length).toBeGreaterThan(5);
  }
}

describe('CSV import on random input', () => {
  it('CSV-like text: never crashes, every rejected row and every error names its place', async () => {
    await fc.assert(fc.asyncProperty(personsLike, async (text) => expectNamedPlace(await importOutcome(text))), { numRuns: 300 });
  });

  it('random bytes (any encoding, any garbage): the same', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => expectNamedPlace(await importOutcome(bytes))), { numRuns: 200 });
  });

  it('rows are counted once each: landed + rejected = rows read', async () => {
    await fc.assert(
      fc.asyncProperty(personsLike, async (text) => {
        const o = await importOutcome(text);
        if ('error' in o) return;
        const rejectedRows = new Set(o.ok.rejects.map((r) => r.row)).size;
        expect(o.ok.batch.persons.length + rejectedRows).toBe(o.ok.rows);
      }),
      { numRuns: 200 },
    );
  });
});

describe('CSV reading round trip', () => {
  const cellText = fc.array(fc.constantFrom('a', 'Z', ' ', ',', ';', '\t', '"', '\n', '\r\n', 'é', 'e\u0301', 'محمد', 'أ', '王', '🚀', '0', '='), { maxLength: 12 }).map((p) => p.join(''));
  const table = fc.integer({ min: 2, max: 6 }).chain((width) =>
    fc.tuple(fc.array(fc.constantFrom('a', 'b', 'c d', 'E-mail', 'مصدر'), { minLength: width, maxLength: width }), fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { maxLength: 30 })),
  );

  it('what csv-stringify writes (any separator, CRLF or LF) is read back cell for cell, NFC, line ends as \\n', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(',', ';', '\t', '|'), fc.constantFrom('\n', '\r\n'), fc.boolean(), async ([header, rows], delimiter, eol, bom) => {
        // A line break in a cell is quoted whatever the record delimiter (csv-stringify would leave a bare LF of a CRLF file unquoted).
        const text = stringify([header, ...rows], { delimiter, record_delimiter: eol === '\n' ? 'unix' : 'windows', bom, quoted_match: /[\r\n]/ });
        const csv = await openCsv(tempFile(nextName(), text), { delimiter });
        const got: string[][] = [];
        const numbers: number[] = [];
        for await (const item of csv.rows()) {
          expect(item.kind).toBe('row');
          if (item.kind === 'row') {
            got.push(item.values);
            numbers.push(item.row);
          }
        }
        const expected = rows.map((r) => r.map((c) => c.replace(/\r\n?/g, '\n').normalize('NFC')));
        expect(csv.header).toEqual(header.map((h) => h.trim()));
        expect(got).toEqual(expected);
        expect(numbers).toEqual(rows.map((_, i) => i + 2));
      }),
      { numRuns: 200 },
    );
  });
});
