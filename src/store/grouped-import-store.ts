import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { ImportBatch, Reject } from '../app/ports/import-records.js';
import type { BatchOutcome, ImportStore } from '../app/ports/import-store.js';
import type { PrecedencePolicy } from '../domain/precedence.js';
import type { Database } from './schema.js';

/** When a bulk import's held transaction commits: after this many rows or milliseconds, whichever comes first. */
export interface BulkCommitLimits {
  readonly rows: number;
  readonly ms: number;
}

/** What grouping needs of the plain store: its writes on a transaction it is given. */
export interface TransactionalImportStore extends ImportStore {
  applyBatchIn(trx: Transaction<Database>, batch: ImportBatch, at: string, precedence?: PrecedencePolicy): Promise<BatchOutcome>;
  recordRejectsIn(db: Kysely<Database>, runId: string, firstSeq: number, rejects: readonly Reject[]): Promise<void>;
}

interface Held {
  readonly trx: ControlledTransaction<Database>;
  readonly since: number;
  rows: number;
}

/** Rows a batch writes, roughly: what the commit limit counts. */
function batchRows(batch: ImportBatch): number {
  return batch.persons.length + batch.activities.length + batch.opportunities.length + batch.accounts.length + (batch.campaigns?.length ?? 0);
}

/**
 * Runs `work` with an import store whose batches share one held transaction until `limits`
 * says commit. Each batch runs under a savepoint: a batch that fails is rolled back alone, the
 * batches before it are committed, and the error goes to the caller (whose retry, if any, runs
 * the batch again in a fresh transaction). Whatever else the store is asked (runs, precedence)
 * commits first: on SQLite the held transaction holds the connection.
 */
export async function inGroupedTransactions<T>(
  db: Kysely<Database>,
  store: TransactionalImportStore,
  limits: BulkCommitLimits,
  work: (store: ImportStore) => Promise<T>,
  clock: () => number = () => performance.now(),
): Promise<T> {
  let held: Held | null = null;
  const commit = async (): Promise<void> => {
    if (!held) return;
    const { trx } = held;
    held = null;
    await trx.commit().execute();
  };
  /** After a failed batch: keep what the batches before it wrote, or, if the transaction itself is gone, give it up. */
  const keepEarlierBatches = async (sp: ControlledTransaction<Database, ['batch']>): Promise<void> => {
    const { trx } = held!;
    try {
      await sp.rollbackToSavepoint('batch').execute();
      await commit();
    } catch {
      held = null;
      await trx.rollback().execute().catch(() => undefined);
    }
  };
  const grouped: ImportStore = {
    async startRun(id, files, at) {
      await commit();
      return store.startRun(id, files, at);
    },
    async finishRun(id, stats, at) {
      await commit();
      return store.finishRun(id, stats, at);
    },
    recordRejects: (runId, firstSeq, rejects) => (held ? store.recordRejectsIn(held.trx, runId, firstSeq, rejects) : store.recordRejects(runId, firstSeq, rejects)),
    async applyBatch(batch, at, precedence) {
      held ??= { trx: await db.startTransaction().execute(), since: clock(), rows: 0 };
      const sp = await held.trx.savepoint('batch').execute();
      let outcome: BatchOutcome;
      try {
        outcome = await store.applyBatchIn(sp, batch, at, precedence);
      } catch (e) {
        await keepEarlierBatches(sp);
        throw e;
      }
      await sp.releaseSavepoint('batch').execute();
      held.rows += batchRows(batch);
      if (held.rows >= limits.rows || clock() - held.since >= limits.ms) await commit();
      return outcome;
    },
    async applyPrecedence(precedence) {
      await commit();
      return store.applyPrecedence(precedence);
    },
    bulk: (inner) => inner(grouped),
  };
  try {
    const result = await work(grouped);
    await commit();
    return result;
  } catch (e) {
    // Every batch in the held transaction is whole: they stay.
    if (held) await commit().catch(() => undefined);
    throw e;
  }
}
