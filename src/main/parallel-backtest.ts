import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BacktestPart } from '../app/backtest.js';
import type { QualificationStore } from '../app/ports/qualification-store.js';

/** Everything a worker needs to rebuild the backtest on its own connection. */
export interface BacktestJob {
  readonly location: string;
  readonly funnel: { readonly text: string; readonly file: string };
  readonly models: readonly { readonly text: string; readonly file: string }[];
  readonly at: string;
  readonly from: string | null;
  readonly to: string | null;
  /**
   * The version of the follow-up provider (contact policy + nurture program) in the parent's
   * replay context, or null: a worker builds its own from the store and refuses to run if it
   * finds another version (one adopted in between), so every part runs under the same context.
   */
  readonly followUp: string | null;
}

/** Below this many persons a backtest is quicker in one thread than the cost of starting workers. */
export const PARALLEL_MIN_PERSONS = 100_000;

/** Old-generation heap of a worker (MiB): several times what a part keeps alive at 1 M persons. */
const WORKER_HEAP_MIB = 256;

export function backtestThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Runs a backtest as parts over id ranges, one worker thread per part, each with its own
 * connection (SQLite in WAL mode lets readers run side by side). Only the compiled JS can
 * start workers: under a TypeScript test runner this returns null and the caller runs in one thread,
 * as it does when a worker runs out of its heap.
 */
export async function parallelBacktestParts(store: QualificationStore, job: BacktestJob, threads: number): Promise<BacktestPart[] | null> {
  const script = new URL('./backtest-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.ts')) return null;
  const cuts = await store.personIdBoundaries(threads);
  const ranges = [null, ...cuts].map((after, i) => ({ after, until: cuts[i] ?? null }));
  const workers: Worker[] = [];
  try {
    return await Promise.all(
      ranges.map(
        (range) =>
          new Promise<BacktestPart>((resolve, reject) => {
            // A bounded heap: a part keeps little alive (a page, the won amounts of its range), but
            // V8 lets a busy heap grow to hundreds of MiB between full collections.
            const w = new Worker(script, { workerData: { ...job, range }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MIB } });
            workers.push(w);
            w.once('message', (part: BacktestPart) => resolve(part));
            w.once('error', reject);
            w.once('exit', (code) => {
              if (code !== 0) reject(new Error(`backtest worker stopped with exit code ${code}`));
            });
          }),
      ),
    );
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    // A part that outgrew its heap (a page of people with enormous histories): one thread has no such bound.
    if ((e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return null;
    throw e;
  }
}
