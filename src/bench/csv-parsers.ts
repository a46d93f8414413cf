/**
 * Which CSV parser Tandem streams with, chosen by measurement: csv-parse, papaparse and uDSV
 * (and a bare split as the floor no real parser can beat) on the real datasets and on a
 * generated million-row file. Each parser must also pass the correctness cases that real
 * exports need (quotes, quoted newlines, BOM, CRLF, ragged rows reported row by row).
 *
 * Run: `npm run bench:csv` (writes its generated file under the OS temp dir and deletes it afterwards).
 */
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parse as csvParse } from 'csv-parse';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { CsvRecordSplitter } from '../importers/csv-records.js';
import { openCsv } from '../importers/read-csv.js';

/** A streaming parser under test: text chunks in, records out (the header is the first record). */
interface Candidate {
  readonly name: string;
  run(chunks: () => AsyncIterable<string>, delimiter: string, onRecord: (r: string[]) => void): Promise<{ errors: number }>;
}

const csvParseCandidate: Candidate = {
  name: 'csv-parse 7 (stream, info)',
  async run(chunks, delimiter, onRecord) {
    let errors = 0;
    const parser = csvParse({
      delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true,
      skip_records_with_error: true, on_skip: () => { errors++; return undefined; },
    });
    const feed = Readable.from(chunks()).pipe(parser);
    for await (const rec of feed) onRecord((rec as { record: string[] }).record);
    return { errors };
  },
};

const papaCandidate: Candidate = {
  name: 'papaparse 5 (stream, chunk callback)',
  run(chunks, delimiter, onRecord) {
    return new Promise((resolve, reject) => {
      let errors = 0;
      Papa.parse(Readable.from(chunks()) as unknown as File, {
        delimiter,
        skipEmptyLines: true,
        chunk: (results: Papa.ParseResult<string[]>) => {
          for (const r of results.data) onRecord(r);
          errors += results.errors.length;
        },
        complete: () => resolve({ errors }),
        error: (e: Error) => reject(e),
      });
    });
  },
};

const udsvCandidate: Candidate = {
  name: 'uDSV 0.7 (incremental)',
  async run(chunks, delimiter, onRecord) {
    let parser: ReturnType<typeof initParser> | null = null;
    for await (const chunk of chunks()) {
      if (!parser) {
        // uDSV takes the header out itself; hand it on as the first record like the others.
        const schema = inferSchema(chunk.replace(/^\uFEFF/, ''), { col: delimiter });
        onRecord(schema.cols.map((c) => c.name));
        parser = initParser(schema);
      }
      parser.chunk<string[]>(chunk, parser.stringArrs, (row) => { onRecord(row); });
    }
    parser?.end();
    return { errors: 0 };
  },
};

/** Not a parser: no quotes, no quoted newlines. The floor a real parser is measured against. */
const splitCandidate: Candidate = {
  name: 'bare split (floor; not a CSV parser)',
  async run(chunks, delimiter, onRecord) {
    let rest = '';
    for await (const chunk of chunks()) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') onRecord(line.split(delimiter));
    }
    if (rest !== '') onRecord(rest.split(delimiter));
    return { errors: 0 };
  },
};

/** What the importer runs: papaparse inside Tandem's splitter (line endings, quote recovery, row numbers). */
const tandemSplitterCandidate: Candidate = {
  name: 'Tandem splitter (papaparse inside)',
  async run(chunks, delimiter, onRecord) {
    let errors = 0;
    const splitter = new CsvRecordSplitter(delimiter);
    const take = (records: ReturnType<CsvRecordSplitter['end']>): void => {
      for (const r of records) {
        if (r.kind === 'record') onRecord(r.cells);
        else errors++;
      }
    };
    for await (const chunk of chunks()) take(splitter.push(chunk.replace(/^\uFEFF/, '')));
    take(splitter.end());
    return { errors };
  },
};

export const CANDIDATES: readonly Candidate[] = [csvParseCandidate, papaCandidate, udsvCandidate, tandemSplitterCandidate, splitCandidate];

/** The whole reading path of `tandem import` before mapping: bytes → decode → records → NFC, width and UTF-8 checks. */
async function measureReader(file: string, label: string, repeats: number): Promise<ParserFigure> {
  const times: number[] = [];
  let records = 0;
  for (let i = 0; i < repeats; i++) {
    records = 1;
    const t0 = process.hrtime.bigint();
    const csv = await openCsv(file);
    for await (const items of csv.batches()) for (const item of items) if (item.kind === 'row') records++;
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const seconds = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return { parser: 'Tandem openCsv().rows() (all checks)', file: label, records, seconds, rowsPerSecond: records / seconds, mibPerSecond: statSync(file).size / (1 << 20) / seconds };
}

/** Cases every real export can contain: the parser's records must equal `want` (errors reported, not merged). */
const CORRECTNESS: readonly { name: string; text: string; want: string[][] }[] = [
  { name: 'BOM', text: '\uFEFFa,b\n1,2\n', want: [['a', 'b'], ['1', '2']] },
  { name: 'CRLF', text: 'a,b\r\n1,2\r\n', want: [['a', 'b'], ['1', '2']] },
  { name: 'quoted comma and quote', text: 'a,b\n"x,""y""",2\n', want: [['a', 'b'], ['x,"y"', '2']] },
  { name: 'quoted newline', text: 'a,b\n"x\ny",2\n3,4\n', want: [['a', 'b'], ['x\ny', '2'], ['3', '4']] },
  { name: 'LF inside quotes of a CRLF file (Excel)', text: 'a,b\r\n"x\ny",2\r\n3,4\r\n', want: [['a', 'b'], ['x\ny', '2'], ['3', '4']] },
  { name: 'ragged rows kept apart', text: 'a,b\n1,2,3\n4\n5,6\n', want: [['a', 'b'], ['1', '2', '3'], ['4'], ['5', '6']] },
  { name: 'semicolons', text: 'a;b\n"1;x";2\n', want: [['a', 'b'], ['1;x', '2']] },
];

async function* once_(text: string): AsyncIterable<string> {
  yield text;
}

async function correctness(c: Candidate): Promise<string[]> {
  const failed: string[] = [];
  for (const t of CORRECTNESS) {
    const got: string[][] = [];
    const delimiter = t.name === 'semicolons' ? ';' : ',';
    try {
      await c.run(() => once_(t.text), delimiter, (r) => got.push(r));
      if (JSON.stringify(got) !== JSON.stringify(t.want)) failed.push(t.name);
    } catch {
      failed.push(t.name);
    }
  }
  return failed;
}

/** Writes `rows` person rows (some quoted cells with commas and Arabic names) to `path`. */
export async function generateCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,email,first_name,last_name,company,source,country,created_at,won\n');
  const sources = ['web', 'event', 'partner', 'paid search', 'referral'];
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const arabic = i % 50 === 0;
    const company = i % 7 === 0 ? `"Acme ${i % 997}, Inc."` : `Company ${i % 997}`;
    buf += `p${i},person${i}@example${i % 1000}.com,${arabic ? 'محمد' : 'Ann'},${arabic ? 'العلي' : `Lee${i % 100}`},${company},${sources[i % 5]},${arabic ? 'EG' : 'US'},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,${i % 9 === 0 ? 1 : 0}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

function textChunks(path: string): () => AsyncIterable<string> {
  return () => createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
}

export interface ParserFigure {
  readonly parser: string;
  readonly file: string;
  readonly records: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly mibPerSecond: number;
}

async function measure(c: Candidate, file: string, label: string, delimiter: string, repeats: number): Promise<ParserFigure> {
  const times: number[] = [];
  let records = 0;
  for (let i = 0; i < repeats; i++) {
    records = 0;
    const t0 = process.hrtime.bigint();
    await c.run(textChunks(file), delimiter, () => { records++; });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const seconds = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  const mib = statSync(file).size / (1 << 20);
  return { parser: c.name, file: label, records, seconds, rowsPerSecond: records / seconds, mibPerSecond: mib / seconds };
}

function line(fig: ParserFigure): string {
  return `  ${fig.parser.padEnd(40)} ${fig.records.toString().padStart(9)} records  ${fig.seconds.toFixed(3).padStart(7)} s  ${(fig.rowsPerSecond / 1e6).toFixed(2)}M rows/s  ${fig.mibPerSecond.toFixed(0)} MiB/s`;
}

/** Runs the comparison and prints a table; `sharedData` is the folder of the real datasets. */
export async function benchCsvParsers(sharedData: string, generatedRows = 1_000_000): Promise<ParserFigure[]> {
  const log = (s: string): void => void process.stdout.write(`${s}\n`);
  log('\n## CSV parsing');
  log('correctness (cases failed):');
  for (const c of CANDIDATES) {
    const failed = await correctness(c);
    log(`  ${c.name.padEnd(40)} ${failed.length === 0 ? 'all pass' : failed.join('; ')}`);
  }
  const generated = join(tmpdir(), `tandem-bench-${process.pid}.csv`);
  await generateCsv(generated, generatedRows);
  const files = [
    { path: join(sharedData, 'x-education-lead-scoring', 'Leads.csv'), label: 'x-education Leads.csv', delimiter: ',' },
    { path: join(sharedData, 'uci-bank-marketing', 'bank-additional-full.csv'), label: 'uci bank-additional-full.csv', delimiter: ';' },
    { path: join(sharedData, 'olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv'), label: 'olist MQLs', delimiter: ',' },
    { path: generated, label: `generated ${generatedRows.toLocaleString('en')} rows`, delimiter: ',' },
  ].filter((f) => existsSync(f.path));
  const figures: ParserFigure[] = [];
  try {
    for (const f of files) {
      log(`${f.label} (${(statSync(f.path).size / (1 << 20)).toFixed(1)} MiB):`);
      for (const c of CANDIDATES) {
        const fig = await measure(c, f.path, f.label, f.delimiter, f.path === generated ? 3 : 5);
        figures.push(fig);
        log(line(fig));
      }
      const reader = await measureReader(f.path, f.label, f.path === generated ? 3 : 5);
      figures.push(reader);
      log(line(reader));
    }
  } finally {
    rmSync(generated, { force: true });
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  await benchCsvParsers(join(import.meta.dirname, '..', '..', '..', 'shared', 'data'), rows);
}
