/**
 * The catalogue of real-world CSV faults: one test each. Every file goes through the same path
 * as `tandem import` (resolveImportFiles → rows → mapping), and the dedup cases through the
 * store on every dialect. Decisions are documented in docs/import-formats.md ("Reading CSV files").
 */
import { describe, expect, it } from 'vitest';
import { TandemError } from '../src/domain/errors.js';
import { openServices } from '../src/main/services.js';
import { openStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import { readImport, tempFile, tempMapping } from './read-import.js';
import { withServices } from './with-services.js';

const persons = (name: string, content: string | Uint8Array) => readImport({ paths: [tempFile(name, content)], preset: 'generic-persons' });
const ids = (r: Awaited<ReturnType<typeof persons>>) => r.batch.persons.map((p) => p.externalId);

async function failure(p: Promise<unknown>): Promise<TandemError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(TandemError);
  return e as TandemError;
}

describe('encodings and byte-order marks', () => {
  it('a UTF-8 BOM is not part of the first column name', async () => {
    const r = await persons('bom.csv', '\uFEFFid,email\np1,a@example.com\n');
    expect(r.rejects).toEqual([]);
    expect(ids(r)).toEqual(['p1']);
    expect(r.batch.persons[0]!.attributes).toEqual({});
  });

  it('UTF-16LE with a BOM and tabs (Excel "Unicode text") is detected', async () => {
    const text = '\uFEFFid\temail\tfirst_name\np1\ta@example.com\tZoë\np2\tb@example.com\tمحمد\n';
    const r = await persons('unicode.txt', Buffer.from(text, 'utf16le'));
    expect(r.rejects).toEqual([]);
    expect(r.batch.persons.map((p) => p.fields.firstName)).toEqual(['Zoë', 'محمد']);
  });

  it('a Windows-1252 file is detected (€, ’, ü, é) and said so', async () => {
    const rows = ['id,first_name,last_name,company', 'p1,J\xFCrgen,M\xFCller,Caf\xE9 \x80 Ltd', 'p2,Ren\xE9e,O\x92Brien,Cr\xE8me', 'p3,Ann,Lee,Acme'];
    const r = await persons('cp1252.csv', Buffer.from(rows.join('\r\n'), 'latin1'));
    expect(r.rejects).toEqual([]);
    expect(r.batch.persons.map((p) => [p.fields.firstName, p.fields.lastName, p.fields.company])).toEqual([
      ['Jürgen', 'Müller', 'Café € Ltd'],
      ['Renée', 'O’Brien', 'Crème'],
      ['Ann', 'Lee', 'Acme'],
    ]);
    expect(r.warnings).toEqual([expect.stringMatching(/cp1252\.csv: not UTF-8 .*read as Windows-1252\/Latin-1; pass --encoding/)]);
  });

  it('a Latin-1 (ISO-8859-1) file reads the same way', async () => {
    const r = await persons('latin1.csv', Buffer.from('id,first_name,country\np1,Nu\xF1ez,Espa\xF1a\np2,Strau\xDF,\xD6sterreich\n', 'latin1'));
    expect(r.batch.persons.map((p) => [p.fields.firstName, p.fields.country])).toEqual([['Nuñez', 'España'], ['Strauß', 'Österreich']]);
  });

  it('a UTF-8 file with one broken row keeps UTF-8 and rejects that row only, naming --encoding', async () => {
    const good = Buffer.from('id,first_name\np1,محمد\np2,Zoë\n', 'utf8');
    const r = await persons('mostly-utf8.csv', Buffer.concat([good, Buffer.from('p3,Ren\xE9e\np4,Ann\n', 'latin1')]));
    expect(ids(r)).toEqual(['p1', 'p2', 'p4']);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 4, reason: expect.stringMatching(/invalid UTF-8.*--encoding windows-1252/) })]);
    expect(r.warnings).toEqual([]);
  });

  it('--encoding overrides detection; an unknown encoding is a clear error', async () => {
    const file = tempFile('forced.csv', Buffer.from('id,first_name\np1,Ren\xE9e\n', 'latin1'));
    const r = await readImport({ paths: [file], preset: 'generic-persons', encoding: 'latin1' });
    expect(r.batch.persons[0]!.fields.firstName).toBe('Renée');
    const e = await failure(readImport({ paths: [file], preset: 'generic-persons', encoding: 'ebcdic' as never }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/unknown encoding "ebcdic"; use one of utf-8, windows-1252/);
  });
});

describe('separators and line endings', () => {
  it('CRLF leaves no carriage return in the last column', async () => {
    const r = await persons('crlf.csv', 'id,source\r\np1,web\r\np2,event\r\n');
    expect(r.batch.persons.map((p) => p.fields.source)).toEqual(['web', 'event']);
  });

  it('mixed line endings and old-Mac CR files', async () => {
    expect(ids(await persons('mixed.csv', 'id,source\r\np1,web\np2,event\r\np3,x'))).toEqual(['p1', 'p2', 'p3']);
    expect(ids(await persons('mac.csv', 'id,source\rp1,web\rp2,event\r'))).toEqual(['p1', 'p2']);
  });

  it.each([
    ['semicolons', ';', 'id;company;source\np1;"Acme, Inc.";web\np2;Globex;"a;b"\n'],
    ['tabs', '\t', 'id\tcompany\tsource\np1\tAcme, Inc.\tweb\np2\tGlobex\ta;b\n'],
    ['pipes', '|', 'id|company|source\np1|Acme, Inc.|web\np2|Globex|a;b\n'],
  ])('%s are detected from the header', async (name, _sep, text) => {
    const r = await persons(`${name}.csv`, text);
    expect(r.batch.persons.map((p) => [p.externalId, p.fields.company, p.fields.source])).toEqual([['p1', 'Acme, Inc.', 'web'], ['p2', 'Globex', 'a;b']]);
  });

  it('quoted newlines stay in the cell, and later rows keep the numbers a spreadsheet shows', async () => {
    const r = await persons('notes.csv', 'id,notes,created_at\np1,"line one\r\nline two\nline three",2024-01-01\np2,plain,not-a-date\n');
    expect(r.batch.persons[0]!.attributes.notes).toBe('line one\nline two\nline three');
    expect(r.rejects).toEqual([expect.objectContaining({ row: 3, field: 'createdAt' })]);
  });

  it('blank lines count as rows but are not rejected', async () => {
    const r = await persons('blank-lines.csv', 'id,created_at\n\np1,2024-01-01\n\n\np2,nope\n');
    expect(ids(r)).toEqual(['p1']);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 6 })]);
  });

  it('column counts: trailing empty cells are fine, extra data or missing cells reject the row', async () => {
    const r = await persons('ragged.csv', 'id,source\np1,web,,\np2,web,surprise\np3\np4,event\n');
    expect(ids(r)).toEqual(['p1', 'p4']);
    expect(r.rejects.map((x) => [x.row, x.reason])).toEqual([
      [3, 'has 3 columns, the header has 2'],
      [4, 'has 1 columns, the header has 2'],
    ]);
  });
});

describe('headers', () => {
  it('match whatever their case, spacing and dashes (EXPORTS.md rule 2)', async () => {
    const mapping = tempMapping('entity: persons\nsystem: t\nfields:\n  externalId: Person - ID\n  email: E-mail Address\n', 'dash.yaml');
    const file = tempFile('dash.csv', '"  person \u2013  id ","E-MAIL ADDRESS"\n7,a@example.com\n');
    const r = await readImport({ paths: [file], mapping });
    expect(r.batch.persons.map((p) => [p.externalId, p.fields.email])).toEqual([['7', 'a@example.com']]);
  });

  it('duplicate names: the first is read, the others are kept as name_2, name_3, with a warning', async () => {
    const r = await persons('dup.csv', 'id,email,Email,email\np1,first@example.com,second@example.com,third@example.com\n');
    expect(r.batch.persons[0]!.fields.email).toBe('first@example.com');
    expect(r.batch.persons[0]!.attributes).toEqual({ email_2: 'second@example.com', email_3: 'third@example.com' });
    expect(r.warnings).toEqual([expect.stringContaining('the column "email" appears 3 times (columns 2, 3, 4): the mapping reads the first')]);
  });

  it('a header row with a broken quote is an error naming the file and row 1', async () => {
    const e = await failure(persons('bad-header.csv', 'id,"email\np1,a@example.com\n'));
    expect(e.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(e.place).toMatchObject({ row: 1 });
    expect(e.message).toMatch(/bad-header\.csv: the header row cannot be read/);
  });
});

describe('empty files', () => {
  it.each([
    ['zero bytes', ''],
    ['a BOM only', '\uFEFF'],
    ['blank lines only', '\n\r\n  \n'],
  ])('%s: an error naming the file', async (name, text) => {
    const e = await failure(persons(`empty-${name.replace(/ /g, '-')}.csv`, text));
    expect(e.code).toBe('IMPORT_FILE_UNREADABLE');
    expect(e.message).toMatch(/empty-.*\.csv is empty \(no header row\)/);
  });

  it('a header without rows imports nothing, without error', async () => {
    const r = await persons('header-only.csv', 'id,email\n');
    expect(r.rows).toBe(0);
    expect(r.batch.persons).toEqual([]);
  });
});

describe('huge cells and runaway quotes', () => {
  it('a 3 MiB cell lands whole', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const r = await persons('huge-cell.csv', `id,notes\np1,"${big}"\np2,small\n`);
    expect(r.rejects).toEqual([]);
    expect((r.batch.persons[0]!.attributes.notes as string).length).toBe(big.length);
    expect(ids(r)).toEqual(['p1', 'p2']);
  });

  it('a quote that never closes, followed by 10 MiB of rows, costs only its line', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `q${i},${'y'.repeat(80)}`).join('\n');
    const started = Date.now();
    const r = await persons('runaway.csv', `id,notes\np1,ok\np2,"never closed\n${rows}\n`);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.rejects).toEqual([expect.objectContaining({ row: 3, reason: expect.stringContaining('stray or unclosed quote') })]);
    expect(r.batch.persons).toHaveLength(1 + 120_000);
    expect(r.batch.persons.at(-1)!.externalId).toBe('q119999');
  });
});

describe('dates in several formats and time zones', () => {
  it('the mapping time zone applies where the value has no offset; an offset in the value wins', async () => {
    const mapping = tempMapping([
      'entity: persons', 'system: t', 'timezone: America/New_York', "dateFormats: ['dd/MM/yyyy HH:mm']",
      'fields:', '  externalId: id', '  createdAt: created', '  wonAt: { column: won_at, formats: [MM/dd/yyyy] }', '  won: won',
    ].join('\n'), 'tz.yaml');
    const file = tempFile('dates.csv', [
      'id,created,won_at,won',
      'a,2024-07-01 09:00:00,,no', // ISO-like, New York summer time
      'b,01/12/2024 09:00,12/24/2024,yes', // the mapping format; the field format
      'c,2024-03-05T14:22:10Z,,no', // UTC
      'd,2024-03-05 14:22:10 +02:00,,no', // SQL with an offset
      'e,2013-09-26T06:56:35+0000,,no', // older Marketo
      'f,45356,,no', // Excel serial
      'g,1709648530,,no', // epoch seconds
      'h,March 5th,,no',
    ].join('\n'));
    const r = await readImport({ paths: [file], mapping });
    expect(r.batch.persons.map((p) => [p.externalId, p.fields.createdAt])).toEqual([
      ['a', '2024-07-01T13:00:00.000Z'],
      ['b', '2024-12-01T14:00:00.000Z'],
      ['c', '2024-03-05T14:22:10.000Z'],
      ['d', '2024-03-05T12:22:10.000Z'],
      ['e', '2013-09-26T06:56:35.000Z'],
      ['f', '2024-03-05T05:00:00.000Z'],
      ['g', '2024-03-05T14:22:10.000Z'],
    ]);
    expect(r.batch.opportunities[0]!.closedAt).toBe('2024-12-24T05:00:00.000Z');
    expect(r.rejects).toEqual([expect.objectContaining({ row: 9, field: 'createdAt', reason: expect.stringContaining('"March 5th" is not a date in dd/MM/yyyy HH:mm or ISO-8601') })]);
  });

  it('a time zone that does not exist is a mapping error naming the line and field', async () => {
    const mapping = tempMapping('entity: persons\nsystem: t\ntimezone: Mars/Olympus\nfields:\n  externalId: id\n', 'bad-tz.yaml');
    const e = await failure(readImport({ paths: [tempFile('tz.csv', 'id\n1\n')], mapping }));
    expect(e.code).toBe('MAPPING_INVALID');
    expect(e.place).toMatchObject({ line: 3, field: 'timezone' });
    expect(e.message).toMatch(/bad-tz\.yaml:3: field timezone: not a time zone/);
  });
});

describe('non-Latin scripts', () => {
  it('Arabic, Chinese, Cyrillic, Devanagari and emoji survive reading', async () => {
    const names = ['محمد العلي', '王小明', 'Дмитрий Иванов', 'अनुष्का शर्मा', 'Zoë 🚀'];
    const r = await persons('scripts.csv', `id,full_name,مصدر العميل\n${names.map((n, i) => `p${i},${n},معرض`).join('\n')}\n`);
    expect(r.batch.persons.map((p) => [p.fields.firstName, p.fields.lastName].filter(Boolean).join(' '))).toEqual(names);
    expect(r.batch.persons[0]!.attributes).toEqual({ مصدر_العميل: 'معرض' });
  });
});

describe.each(DIALECTS)('Unicode-normalised dedup on %s', (dialect) => {
  const services = withServices(dialect);

  it('NFC and NFD forms of the same email, id and names merge into one person, and reports group them as one', async () => {
    const nfc = (s: string) => s.normalize('NFC');
    const nfd = (s: string) => s.normalize('NFD');
    expect(nfd('José')).not.toBe(nfc('José'));
    expect(nfd('أحمد')).not.toBe(nfc('أحمد'));
    const rows = [
      'id,email,first_name,source,created_at,city',
      `,${nfc('josé@example.com')},${nfc('José')},web,2024-01-01,${nfc('Zürich')}`,
      `,${nfd('JOSÉ@example.com')},${nfd('José')},web,2024-01-02,${nfd('Zürich')}`,
      `${nfc('أحمد-1')},,${nfc('أحمد')},${nfc('معرض')},2024-01-03,${nfc('القاهرة')}`,
      `${nfd('أحمد-1')},,${nfd('أحمد')},${nfd('معرض')},2024-01-04,${nfd('القاهرة')}`,
    ];
    const result = await services().importFiles({ paths: [tempFile(`nfc-nfd-${dialect}.csv`, rows.join('\n'))], preset: 'generic-persons' });
    expect(result.rejected).toBe(0);
    const at = new Date('2030-01-01T00:00:00Z');
    const total = await services().funnelReport({ from: null, to: null, by: null, at });
    expect(total.stages.find((s) => s.id === 'inquiry')!.reached).toBe(2);
    const byCity = await services().funnelReport({ from: null, to: null, by: 'city', at });
    expect(byCity.groups!.map((g) => g.key).sort()).toEqual([nfc('القاهرة'), nfc('Zürich')].sort());
    const bySource = await services().funnelReport({ from: null, to: null, by: 'source', at });
    expect(bySource.groups!.find((g) => g.key === nfc('معرض'))!.stages[0]!.reached).toBe(1);
  });
});

describe.each(DIALECTS)('an activity listed twice in one file on %s', (dialect) => {
  it('lands once, with the values of its last row (properties and Arabic text intact); a re-run lands nothing', async () => {
    const db = await freshDatabase(dialect);
    const services = await openServices(db.location);
    try {
      const people = tempFile(`twice-persons-${dialect}.csv`, 'id,email,first_name\np1,a@example.com,مريم\np2,b@example.com,Zoë\n');
      const activities = tempFile(
        `twice-activities-${dialect}.csv`,
        [
          'id,person_id,type,occurred_at,subject',
          'a1,p1,email_open,2024-01-01T10:00:00Z,أهلاً',
          'a2,p2,page_view,2024-01-02T10:00:00Z,',
          'a1,p1,email_click,2024-01-03T10:00:00Z,عرض خاص',
        ].join('\n'),
      );
      await services.importFiles({ paths: [people], preset: 'generic-persons', replay: false });
      const first = await services.importFiles({ paths: [activities], preset: 'generic-activities', replay: false, bulk: true });
      expect(first.rejected).toBe(0);
      expect(first.activitiesInserted).toBe(2);
      const store = await openStore(db.location);
      try {
        const rows = await store.db.selectFrom('activities').select(['external_id', 'type', 'occurred_at', 'properties']).where('source', '=', 'generic').orderBy('external_id').execute();
        expect(rows.map((r) => [r.external_id, r.type, r.occurred_at, JSON.parse(r.properties)])).toEqual([
          ['a1', 'email_click', '2024-01-03T10:00:00.000Z', { subject: 'عرض خاص' }],
          ['a2', 'page_view', '2024-01-02T10:00:00.000Z', {}],
        ]);
      } finally {
        await store.close();
      }
      const again = await services.importFiles({ paths: [activities], preset: 'generic-activities', replay: false, bulk: true });
      expect(again.activitiesInserted).toBe(0);
    } finally {
      await services.close();
      await db.drop();
    }
  });
});
