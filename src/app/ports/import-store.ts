import type { PrecedencePolicy } from '../../domain/precedence.js';
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
  /** Lands a batch in one transaction; persons' values merged by the precedence policy (default: DEFAULT_PRECEDENCE). */
  applyBatch(batch: ImportBatch, at: string, precedence?: PrecedencePolicy): Promise<BatchOutcome>;
  /** Re-merges persons known to several records under this policy (the model's precedence changed); returns how many changed. */
  applyPrecedence(precedence: PrecedencePolicy): Promise<number>;
}
