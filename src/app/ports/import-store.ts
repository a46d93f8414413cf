import type { ImportBatch, Reject } from './import-records.js';

export interface BatchOutcome {
  readonly rejects: readonly Reject[];
  /** Persons whose data changed, for an incremental replay. */
  readonly touchedPersonIds: readonly string[];
  readonly activitiesInserted: number;
}

export interface ImportRunStats {
  readonly status: 'running' | 'done' | 'failed';
  readonly rowsTotal: number;
  readonly rowsOk: number;
  readonly rowsRejected: number;
}

/** What importing needs from the store. Every write is idempotent. */
export interface ImportStore {
  startRun(id: string, files: readonly string[], at: string): Promise<void>;
  finishRun(id: string, stats: ImportRunStats, at: string): Promise<void>;
  recordRejects(runId: string, firstSeq: number, rejects: readonly Reject[]): Promise<void>;
  applyBatch(batch: ImportBatch, at: string): Promise<BatchOutcome>;
}
