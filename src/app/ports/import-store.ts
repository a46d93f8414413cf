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
  /**
   * Runs `work` with a store whose batches may share transactions, for a bulk import by a process
   * that does nothing else with the store meanwhile (the connection is held between batches).
   * Where commits are dear (SQLite: each writes again every index page its batch touched),
   * batches commit together every couple of hundred thousand rows or seconds, and when `work`
   * ends or throws. Each batch stays all or nothing; a crash loses at most the uncommitted
   * batches, which a re-run lands again (every write is idempotent). `expected.bytes`, the size
   * of the files, lets the store tell a first load (more rows coming than the tables hold) from
   * an update: a first load may build some indexes once at the end instead of row by row.
   */
  bulk<T>(work: (store: ImportStore) => Promise<T>, expected?: { readonly bytes: number }): Promise<T>;
  /**
   * How many batches of activities alone (no persons, opportunities, accounts or campaigns) the
   * caller may have in flight at once (default 1). Such batches only read persons landed before
   * them, so they do not depend on each other; a batch with anything else waits for every batch
   * before it, and every batch after it waits for it. More than one where the database works in
   * its own processes (PostgreSQL, inside `bulk`): the next batch is prepared, sent and inserted
   * while the previous one is being inserted.
   */
  readonly concurrentBatches?: number;
}
