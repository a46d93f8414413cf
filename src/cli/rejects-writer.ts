import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Reject } from '../app/ports/import-records.js';
import { csvSafe } from './csv-safe.js';

/** Streams rejected rows to a CSV (file, row, field, reason, raw) as they happen. */
export class RejectsWriter {
  private stream: WriteStream | null = null;
  count = 0;
  constructor(readonly path: string) {}

  write(rejects: readonly Reject[]): void {
    if (rejects.length === 0) return;
    if (!this.stream) {
      this.stream = createWriteStream(this.path, { encoding: 'utf8' });
      this.stream.write(stringify([['file', 'row', 'field', 'reason', 'raw']]));
    }
    this.count += rejects.length;
    this.stream.write(stringify(rejects.map((r) => [r.file, r.row, r.field ?? '', csvSafe(r.reason), csvSafe(r.raw ?? '')])));
  }

  async close(): Promise<void> {
    const s = this.stream;
    if (!s) return;
    // Closing twice (after the summary, then in a finally) must not end the stream again.
    this.stream = null;
    await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
