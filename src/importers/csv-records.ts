import Papa from 'papaparse';

/** One record of a CSV text, or a stretch of text that could not be read as one. */
export type CsvRecord =
  | { readonly kind: 'record'; readonly row: number; readonly cells: string[] }
  | { readonly kind: 'unreadable'; readonly row: number; readonly reason: string; readonly raw: string };

/** A record longer than this is taken for a runaway quote (a stray `"` that never closes). */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
/** Text is handed to the parser in slices of at least this size (papaparse is fastest on large slices). */
const MIN_SLICE = 256 * 1024;

/**
 * Splits CSV text, arriving in chunks, into records numbered as a spreadsheet numbers rows
 * (the first record, the header, is row 1; blank lines count as rows but yield nothing).
 *
 * papaparse does the parsing (chosen by measurement: docs/performance.md). What it adds:
 * - line endings are normalised to `\n` first (CRLF, LF and old-Mac CR files, and files mixing them);
 * - a stray or unclosed quote costs only its own line: papaparse would read the rest of the
 *   file as one quoted cell, so that line is reported as unreadable and parsing resumes on the next;
 * - slices grow with a record that has not ended yet, so a long quoted cell is parsed in linear time.
 */
export class CsvRecordSplitter {
  private pending = '';
  private heldCr = false;
  private row = 0;
  private minSlice = MIN_SLICE;

  constructor(private readonly delimiter: string) {}

  /** Adds text; returns the records that are complete. */
  push(text: string): CsvRecord[] {
    let t = this.heldCr ? `\r${text}` : text;
    // A CR at the end may be the first half of a CRLF split across chunks.
    this.heldCr = t.endsWith('\r');
    if (this.heldCr) t = t.slice(0, -1);
    this.pending += t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
    if (this.pending.length < this.minSlice) return [];
    return this.drain(false);
  }

  /** The records left at the end of the text. */
  end(): CsvRecord[] {
    if (this.heldCr) this.pending += '\n';
    this.heldCr = false;
    return this.drain(true);
  }

  private drain(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (;;) {
      const result = new Papa.Parser({ delimiter: this.delimiter, newline: '\n', quoteChar: '"' }).parse(this.pending, 0, !final) as Papa.ParseResult<string[]>;
      const quoteError = result.errors.find((e) => e.type === 'Quotes' && (e.row ?? 0) < result.data.length);
      const good = quoteError ? result.data.slice(0, quoteError.row) : result.data;
      for (const cells of good) this.emit(cells, out);
      if (!quoteError) {
        this.pending = this.pending.slice(result.meta.cursor);
        break;
      }
      // The broken record starts after the good ones; it is cut at the end of the line its quote opens on.
      const start = quoteError.row === 0 ? 0 : this.cursorAfter(quoteError.row!);
      this.cutLine(start, Math.max(start, (quoteError.index ?? start) - 1), `${quoteError.message.toLowerCase()} (a stray or unclosed quote)`, out);
    }
    if (!final && this.pending.length > MAX_RECORD_CHARS) {
      this.cutLine(0, 0, `a quoted cell runs on for more than ${MAX_RECORD_CHARS / (1024 * 1024)} MiB without closing (a stray or unclosed quote)`, out);
      return [...out, ...this.drain(false)];
    }
    this.minSlice = Math.max(MIN_SLICE, this.pending.length * 2);
    return out;
  }

  private emit(cells: string[], out: CsvRecord[]): void {
    this.row++;
    // A blank line is a row of one empty cell: counted, not returned.
    if (cells.length === 1 && cells[0] === '') return;
    out.push({ kind: 'record', row: this.row, cells });
  }

  /** Reports the text from `start` to the end of the line holding `at` as one unreadable row, and skips it. */
  private cutLine(start: number, at: number, reason: string, out: CsvRecord[]): void {
    const nl = this.pending.indexOf('\n', at);
    const end = nl === -1 ? this.pending.length : nl + 1;
    this.row++;
    out.push({ kind: 'unreadable', row: this.row, reason: `unreadable CSV: ${reason}`, raw: this.pending.slice(start, Math.min(end, start + 500)).replace(/\n$/, '') });
    this.pending = this.pending.slice(end);
  }

  /** Where the record after the first `rows` records starts (only called on the rare broken record). */
  private cursorAfter(rows: number): number {
    const r = new Papa.Parser({ delimiter: this.delimiter, newline: '\n', quoteChar: '"', preview: rows }).parse(this.pending, 0, false) as Papa.ParseResult<string[]>;
    return r.meta.cursor;
  }
}
