import type { ImportBatch } from '../app/ports/import-records.js';
import type { BatchOutcome, ImportStore } from '../app/ports/import-store.js';
import type { PrecedencePolicy } from '../domain/precedence.js';
import { retryTransient } from './retry-transient.js';

/**
 * An import store whose batches survive races with other writers (servers ingesting the same
 * persons at once): a batch that deadlocks or loses a unique-key race runs again, whole.
 */
export function retryingImportStore(inner: ImportStore): ImportStore {
  return {
    startRun: (id, files, at) => inner.startRun(id, files, at),
    finishRun: (id, stats, at) => inner.finishRun(id, stats, at),
    recordRejects: (runId, firstSeq, rejects) => inner.recordRejects(runId, firstSeq, rejects),
    applyBatch: (batch: ImportBatch, at: string, precedence?: PrecedencePolicy): Promise<BatchOutcome> =>
      retryTransient(() => inner.applyBatch(batch, at, precedence)),
    applyPrecedence: (precedence) => inner.applyPrecedence(precedence),
    bulk: (work, expected) => inner.bulk((grouped) => work(retryingImportStore(grouped)), expected),
    concurrentBatches: inner.concurrentBatches,
  };
}
