import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { TandemError } from '../domain/errors.js';
import { CsvRecordSplitter } from './csv-records.js';
import type { CsvRecord } from './csv-records.js';
import { decoderLabel, detectEncoding } from './detect-encoding.js';
import type { Encoding } from './detect-encoding.js';

export type { Encoding } from './detect-encoding.js';

export type CsvItem =
  | { readonly kind: 'row'; readonly row: number; readonly values: string[] }
  | { readonly kind: 'bad'; readonly row: number; readonly reason: string; readonly raw: string | null };

export interface CsvFile {
  readonly path: string;
  /** Column names as the file has them (trimmed, NFC); duplicates are kept (see compiled-mapping). */
  readonly header: string[];
  readonly delimiter: string;
  readonly encoding: Encoding;
  readonly bytes: number;
  /** What the reader decided on its own that the user should know (e.g. the encoding it detected). */
  readonly warnings: string[];
  /** Data rows and bad rows, a slice of the file at a time; `row` is the row a spreadsheet shows (the header is row 1). */
  batches(onBytes?: (bytesRead: number) => void): AsyncGenerator<CsvItem[]>;
  /** The same, one row at a time (simpler, slower: one await per row). */
  rows(onBytes?: (bytesRead: number) => void): AsyncGenerator<CsvItem>;
}

const SAMPLE_BYTES = 1024 * 1024;
const READ_CHUNK = 256 * 1024;
const NON_ASCII = /[^\x00-\x7f]/;

function readSample(path: string): { bytes: Uint8Array; whole: boolean } {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return { bytes: buf.subarray(0, n), whole: n < SAMPLE_BYTES };
  } finally {
    closeSync(fd);
  }
}

/** The separator of a header line: the most frequent of , ; tab | outside quotes. */
export function sniffDelimiter(line: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Cells as Tandem keeps text: NFC, so that the same name typed on two systems compares equal. */
function nfc(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) if (NON_ASCII.test(cells[i]!)) cells[i] = cells[i]!.normalize('NFC');
  return cells;
}

function headerOf(path: string, sampleText: string, delimiter: string): string[] {
  const splitter = new CsvRecordSplitter(delimiter);
  const first = [...splitter.push(sampleText), ...splitter.end()][0];
  if (!first) throw new TandemError('IMPORT_FILE_UNREADABLE', `${basename(path)} is empty (no header row)`, { place: { file: path, row: 1 } });
  if (first.kind === 'unreadable' || first.row !== 1) {
    const reason = first.kind === 'unreadable' ? first.reason : 'the first line is blank';
    throw new TandemError('IMPORT_FILE_UNREADABLE', `${basename(path)}: the header row cannot be read: ${reason}`, { place: { file: path, row: 1 } });
  }
  return nfc(first.cells).map((h) => h.trim());
}

/**
 * Opens a CSV export: finds its encoding (unless given) and separator, reads its header, and
 * streams its rows. Rows that cannot be read (broken quotes, wrong column count, invalid
 * UTF-8) come out as `bad` with a reason; the rest of the file still streams.
 */
export async function openCsv(path: string, options: { delimiter?: string; encoding?: Encoding } = {}): Promise<CsvFile> {
  const bytes = statSync(path).size;
  const sample = readSample(path);
  const warnings: string[] = [];
  let encoding: Encoding;
  if (options.encoding) encoding = options.encoding;
  else {
    const detected = detectEncoding(sample.bytes, sample.whole);
    encoding = detected.encoding;
    if (detected.note) warnings.push(`${basename(path)}: ${detected.note}`);
  }
  const sampleText = new TextDecoder(decoderLabel(encoding)).decode(sample.bytes);
  if (sampleText.trim() === '') throw new TandemError('IMPORT_FILE_UNREADABLE', `${basename(path)} is empty (no header row)`, { place: { file: path } });
  const firstLine = sampleText.slice(0, sampleText.search(/\r|\n|$/));
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : sniffDelimiter(firstLine);
  const header = headerOf(path, sample.whole ? sampleText : sampleText.slice(0, sampleText.lastIndexOf('\n') + 1) || sampleText, delimiter);
  const batches = (onBytes?: (n: number) => void): AsyncGenerator<CsvItem[]> => streamBatches(path, encoding, delimiter, header.length, onBytes);
  return {
    path, header, delimiter, encoding, bytes, warnings, batches,
    async *rows(onBytes) {
      for await (const batch of batches(onBytes)) yield* batch;
    },
  };
}

async function* streamBatches(path: string, encoding: Encoding, delimiter: string, width: number, onBytes?: (n: number) => void): AsyncGenerator<CsvItem[]> {
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: false });
  const splitter = new CsvRecordSplitter(delimiter);
  let bytesRead = 0;
  // Checks that cost per cell run only once the file has shown a reason for them.
  let replaced = false;
  let nonAscii = false;
  const check = (records: CsvRecord[]): CsvItem[] => {
    const out: CsvItem[] = [];
    for (const r of records) {
      if (r.kind === 'unreadable') {
        out.push({ kind: 'bad', row: r.row, reason: r.reason, raw: r.raw });
        continue;
      }
      if (r.row === 1) continue;
      const cells = nonAscii ? nfc(r.cells) : r.cells;
      if (replaced && cells.some((c) => c.includes('\uFFFD'))) {
        out.push({ kind: 'bad', row: r.row, reason: `invalid ${encoding === 'utf-8' ? 'UTF-8' : encoding} (if the file is Windows-1252 or Latin-1, import it with --encoding windows-1252)`, raw: cells.join(delimiter).slice(0, 500) });
        continue;
      }
      if (cells.length > width && cells.slice(width).every((c) => c.trim() === '')) cells.length = width;
      if (cells.length !== width) {
        out.push({ kind: 'bad', row: r.row, reason: `has ${cells.length} columns, the header has ${width}`, raw: cells.join(delimiter).slice(0, 500) });
        continue;
      }
      out.push({ kind: 'row', row: r.row, values: cells });
    }
    return out;
  };
  const decoded = (text: string): string => {
    if (!replaced && text.includes('\uFFFD')) replaced = true;
    if (!nonAscii && NON_ASCII.test(text)) nonAscii = true;
    return text;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
    bytesRead += (chunk as Buffer).length;
    onBytes?.(bytesRead);
    const items = check(splitter.push(decoded(decoder.decode(chunk as Buffer, { stream: true }))));
    if (items.length > 0) yield items;
  }
  const items = check([...splitter.push(decoded(decoder.decode())), ...splitter.end()]);
  if (items.length > 0) yield items;
}
