import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PersonRange, TimelinePages } from '../app/replay.js';
import type { PreparedTimelines } from '../app/ports/replay-store.js';

/** Everything a worker needs to rebuild the replay context on its own connection. */
export interface ReplayJob {
  readonly location: string;
  readonly funnel: { readonly text: string; readonly file: string };
  readonly at: string;
  /** The version the main thread replays under: a worker whose context differs stops with an error. */
  readonly version: string;
}

/** What a replay worker sends: a computed page, the end of its range, or why it stopped. */
export type ReplayWorkerMessage =
  | { readonly kind: 'page'; readonly prepared: PreparedTimelines }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string };

/** Below this many persons a replay is quicker in one thread than the cost of starting workers. */
export const PARALLEL_REPLAY_MIN_PERSONS = 100_000;

/** Pages a worker may compute ahead of the writer: bounds memory whatever the number of persons. */
export const PAGES_AHEAD = 2;

/**
 * Worker threads for a full replay: one per core, at most 3, none on a single core. The main
 * thread only writes, and a worker spends much of its time waiting on reads, so on 2 cores two
 * workers beside the writer beat one: 1 M persons in 57–59 s with two, 72 s with one, 98 s
 * with none (docs/performance.md).
 */
export function replayWorkers(): number {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(3, cores);
}

/**
 * Timelines computed by one worker thread per id range, each reading on its own connection
 * (SQLite in WAL mode lets readers run beside the one writer, this thread). Pages come in the
 * order they are ready; a worker sends at most PAGES_AHEAD pages the caller has not yet taken
 * back (a page is taken back when the caller asks for the next one, i.e. once it is written).
 * Only the compiled JS can start workers: under a TypeScript test runner this returns null.
 */
export function parallelTimelinePages(job: ReplayJob, ranges: readonly PersonRange[]): TimelinePages | null {
  if (import.meta.url.endsWith('.ts')) return null;
  const script = new URL('./replay-worker.js', import.meta.url);
  return {
    async *[Symbol.asyncIterator]() {
      const ready: { prepared: PreparedTimelines; worker: Worker }[] = [];
      let running = ranges.length;
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      const notify = (): void => {
        wake?.();
        wake = null;
      };
      const workers = ranges.map((range) => {
        const w = new Worker(script, { workerData: { ...job, range } });
        let finished = false;
        w.on('message', (m: ReplayWorkerMessage) => {
          if (m.kind === 'page') ready.push({ prepared: m.prepared, worker: w });
          else if (m.kind === 'failed') failure ??= new Error(`replay worker: ${m.message}`);
          else {
            finished = true;
            running--;
          }
          notify();
        });
        w.on('error', (e) => {
          failure ??= e;
          notify();
        });
        w.on('exit', (code) => {
          if (!finished) failure ??= new Error(`replay worker stopped with exit code ${code}`);
          notify();
        });
        return w;
      });
      try {
        for (;;) {
          if (failure) throw failure;
          const next = ready.shift();
          if (next) {
            yield next.prepared;
            // Written: the worker may compute one more page.
            next.worker.postMessage('written');
            continue;
          }
          if (running === 0) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        await Promise.all(workers.map((w) => w.terminate()));
      }
    },
  };
}

/** When a full replay computes in worker threads: from how many persons, in how many workers (0: never). */
export interface ParallelReplayOptions {
  readonly workers: number;
  readonly minPersons: number;
}

/**
 * On by default from 100,000 persons (SQLite): since workers send rows ready to insert (not
 * timelines to convert) they cost little CPU beyond the one-thread replay (1 M persons: 102.5 s
 * with two workers, 104.0 s without) for 40% less wall time. Below that, starting them costs more
 * than they save. `tandem replay --workers N` overrides it.
 */
export const DEFAULT_PARALLEL_REPLAY: ParallelReplayOptions = { workers: replayWorkers(), minPersons: PARALLEL_REPLAY_MIN_PERSONS };

/**
 * Worker pages for a full replay when it pays: SQLite (PostgreSQL's server shares the cores
 * with the workers), enough persons, a core to spare. Null: replay in this thread.
 */
export async function replayPagesInWorkers(
  store: { readonly dialect: string; readonly replay: { countPersons(): Promise<number> }; readonly qualification: { personIdBoundaries(parts: number): Promise<string[]> } },
  job: ReplayJob,
  options: ParallelReplayOptions,
): Promise<TimelinePages | null> {
  if (options.workers < 1 || store.dialect !== 'sqlite') return null;
  if ((await store.replay.countPersons()) < options.minPersons) return null;
  const cuts = options.workers > 1 ? await store.qualification.personIdBoundaries(options.workers) : [];
  const ranges = [null, ...cuts].map((after, i) => ({ after, until: cuts[i] ?? null }));
  return parallelTimelinePages(job, ranges);
}
