import type { PrecedencePolicy } from '../domain/precedence.js';
import { landInOrder } from './land-in-order.js';
import { readAhead } from './read-ahead.js';
import type { ImportBatch, Reject } from './ports/import-records.js';
import type { ImportFile, ImportProgress } from './ports/import-source.js';
import type { ImportStore } from './ports/import-store.js';

export interface FileSummary {
  readonly file: string;
  readonly mapping: string;
  readonly entity: string;
  readonly rows: number;
  readonly rejected: number;
}

export interface ImportSummary {
  readonly runId: string;
  readonly files: readonly FileSummary[];
  readonly rows: number;
  readonly rejected: number;
  readonly activitiesInserted: number;
  readonly warnings: readonly string[];
}

export interface ImportOptions {
  readonly runId: string;
  readonly now: () => string;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Called with each chunk's rejects as they happen (e.g. to stream them to a CSV). */
  readonly onRejects?: (rejects: readonly Reject[]) => void;
  /** Which system wins each person field (the active funnel model's); default DEFAULT_PRECEDENCE. */
  readonly precedence?: PrecedencePolicy;
  /** Nothing else uses the store meanwhile (a CLI import): batches may share transactions (see `ImportStore.bulk`). */
  readonly bulk?: boolean;
}

/**
 * Lands every good row, chunk by chunk (each chunk all or nothing: its own transaction, or with
 * `bulk` a savepoint in one shared by several chunks; chunks of activities alone may land two at a
 * time where the store allows), and keeps every bad row with its file, row, field and reason.
 * Re-running the same files changes nothing.
 */
export function importData(store: ImportStore, files: readonly ImportFile[], options: ImportOptions): Promise<ImportSummary> {
  if (!options.bulk) return importFiles(store, files, options);
  return store.bulk((grouped) => importFiles(grouped, files, options), { bytes: files.reduce((n, f) => n + f.bytes, 0) });
}

/** A batch of activities alone reads only persons landed before it: it may land beside others like it (`ImportStore.concurrentBatches`). */
function activitiesOnly(batch: ImportBatch): boolean {
  return batch.persons.length === 0 && batch.opportunities.length === 0 && batch.accounts.length === 0 && (batch.campaigns?.length ?? 0) === 0;
}

async function importFiles(store: ImportStore, files: readonly ImportFile[], options: ImportOptions): Promise<ImportSummary> {
  await store.startRun(options.runId, files.map((f) => f.path), options.now());
  const summaries: FileSummary[] = [];
  let rows = 0;
  let rejected = 0;
  let inserted = 0;
  try {
    for (const file of files) {
      let fileRows = 0;
      let fileRejected = 0;
      await landInOrder(readAhead(file.chunks(options.onProgress)), {
        limit: store.concurrentBatches ?? 1,
        independent: (chunk) => activitiesOnly(chunk.batch),
        land: (chunk) => store.applyBatch(chunk.batch, options.now(), options.precedence),
        settle: async (chunk, outcome) => {
          const rejects = [...chunk.rejects, ...outcome.rejects];
          if (rejects.length > 0) {
            await store.recordRejects(options.runId, rejected, rejects);
            options.onRejects?.(rejects);
          }
          // The persons it touched are on the replay queue (the store put them there): nothing held here grows with the import.
          inserted += outcome.activitiesInserted;
          fileRows += chunk.rows;
          // A row can imply several records; count rejected rows, not records.
          fileRejected += new Set(rejects.map((r) => r.row)).size;
          rejected += rejects.length;
        },
      });
      rows += fileRows;
      summaries.push({ file: file.path, mapping: file.mappingName, entity: file.entity, rows: fileRows, rejected: fileRejected });
    }
  } catch (e) {
    await store.finishRun(options.runId, { status: 'failed', rowsTotal: rows, rowsOk: rows - rejected, rowsRejected: rejected }, options.now());
    throw e;
  }
  const rejectedRows = summaries.reduce((n, s) => n + s.rejected, 0);
  await store.finishRun(options.runId, { status: 'done', rowsTotal: rows, rowsOk: rows - rejectedRows, rowsRejected: rejectedRows }, options.now());
  return {
    runId: options.runId,
    files: summaries,
    rows,
    rejected: rejectedRows,
    activitiesInserted: inserted,
    warnings: files.flatMap((f) => f.warnings),
  };
}
