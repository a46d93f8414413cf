import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import type { Parser } from 'csv-parse';

export type CsvItem =
  | { readonly kind: 'row'; readonly row: number; readonly values: string[] }
  | { readonly kind: 'bad'; readonly row: number; readonly reason: string; readonly raw: string | null };

export interface CsvFile {
  readonly path: string;
  readonly header: string[];
  readonly delimiter: string;
  readonly bytes: number;
  /** Data rows and bad rows; `row` counts the header as row 1, as a spreadsheet shows it. */
  rows(onBytes?: (bytesRead: number) => void): AsyncGenerator<CsvItem>;
}

export type Encoding = 'utf-8' | 'windows-1252' | 'latin1' | 'utf-16le';

const MAX_CELL = 1 << 20;

/** Decodes bytes to text chunk by chunk; invalid UTF-8 becomes U+FFFD, which rejects the row it lands in. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  constructor(encoding: Encoding, private readonly onBytes?: (n: number) => void) {
    super({ readableObjectMode: false });
    this.decoder = new TextDecoder(encoding === 'latin1' ? 'iso-8859-1' : encoding, { fatal: false, ignoreBOM: false });
  }
  private bytesRead = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytesRead += chunk.length;
    this.onBytes?.(this.bytesRead);
    done(null, this.decoder.decode(chunk, { stream: true }));
  }
  override _flush(done: TransformCallback): void {
    done(null, this.decoder.decode());
  }
}

function headLine(path: string, encoding: Encoding): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = new TextDecoder(encoding === 'latin1' ? 'iso-8859-1' : encoding).decode(buf.subarray(0, n));
    return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
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

function parser(delimiter: string, skipped: CsvItem[]): Parser {
  return parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    max_record_size: MAX_CELL,
    skip_records_with_error: true,
    info: true,
    on_skip: (err, raw) => {
      const lines = (err as { lines?: number } | undefined)?.lines ?? 0;
      const reason = err ? err.message.replace(/,? at line \d+.*$/s, '').split(':')[0] : 'unreadable';
      skipped.push({ kind: 'bad', row: lines, reason: `unreadable CSV: ${reason}`, raw: raw?.slice(0, 500) ?? null });
      return undefined;
    },
  });
}

/** Opens a CSV export: reads its header, finds the separator, and streams its rows. */
export async function openCsv(path: string, options: { delimiter?: string; encoding?: Encoding } = {}): Promise<CsvFile> {
  const encoding = options.encoding ?? 'utf-8';
  const bytes = statSync(path).size;
  const first = headLine(path, encoding);
  const delimiter = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : sniffDelimiter(first);
  let header: string[] = [];
  const skipped: CsvItem[] = [];
  const headerParser = parser(delimiter, skipped);
  headerParser.end(first);
  for await (const rec of headerParser) header = (rec as { record: string[] }).record.map((h) => h.trim());
  return {
    path,
    header,
    delimiter,
    bytes,
    async *rows(onBytes) {
      const bad: CsvItem[] = [];
      const stream = createReadStream(path).pipe(new Decode(encoding, onBytes)).pipe(parser(delimiter, bad));
      let first = true;
      for await (const rec of stream) {
        const { record, info } = rec as { record: string[]; info: { lines: number } };
        while (bad.length > 0) yield bad.shift()!;
        if (first) {
          first = false;
          continue;
        }
        const row = info.lines;
        const joined = record.join(delimiter);
        if (joined.includes('\uFFFD')) {
          yield { kind: 'bad', row, reason: `invalid UTF-8 (if the file is Windows-1252 or Latin-1, import it with --encoding windows-1252)`, raw: joined.slice(0, 500) };
        } else if (record.length !== header.length) {
          yield { kind: 'bad', row, reason: `has ${record.length} columns, the header has ${header.length}`, raw: joined.slice(0, 500) };
        } else {
          yield { kind: 'row', row, values: record };
        }
      }
      while (bad.length > 0) yield bad.shift()!;
    },
  };
}
