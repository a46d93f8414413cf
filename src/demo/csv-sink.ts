import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { Stringifier } from 'csv-stringify';

export type Cell = string | number | null;

/**
 * One CSV file written as a stream (csv-stringify piped to the file), with back-pressure:
 * `write` waits when the file is behind, so a million rows never sit in memory.
 */
export class CsvSink {
  private readonly stringifier: Stringifier;
  private readonly file: WriteStream;
  private rowCount = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
    options: { quoted?: boolean } = {},
  ) {
    this.file = createWriteStream(path);
    this.stringifier = stringify({ header: true, columns: [...columns], quoted: options.quoted ?? false, quoted_empty: options.quoted ?? false, record_delimiter: 'unix' });
    this.stringifier.pipe(this.file);
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Writes one row (cells in column order); resolves at once unless the stream asks to wait. */
  write(row: readonly Cell[]): Promise<void> | undefined {
    this.rowCount++;
    if (this.stringifier.write(row.map((c) => (c === null ? '' : c)))) return undefined;
    return once(this.stringifier, 'drain').then(() => undefined);
  }

  async close(): Promise<void> {
    const done = once(this.file, 'close');
    this.stringifier.end();
    await done;
  }
}
