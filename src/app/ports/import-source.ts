import type { ImportBatch, Reject } from './import-records.js';

/** A slice of parsed input, ready to land in one transaction. */
export interface ImportChunk {
  readonly file: string;
  readonly batch: ImportBatch;
  /** Rows that could not be read or mapped. */
  readonly rejects: readonly Reject[];
  /** Rows read in this chunk (good and bad). */
  readonly rows: number;
}

export interface ImportProgress {
  readonly file: string;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

/** One file being imported, as the importers see it. */
export interface ImportFile {
  readonly path: string;
  readonly mappingName: string;
  readonly entity: string;
  readonly bytes: number;
  readonly warnings: readonly string[];
  chunks(onProgress?: (p: ImportProgress) => void): AsyncGenerator<ImportChunk>;
}
