import type { FunnelModel } from '../domain/funnel-model.js';
import { replayPerson } from '../domain/lifecycle.js';
import type { Timeline } from '../domain/lifecycle.js';
import type { SignalProvider } from '../domain/signal-provider.js';
import type { PersonActivities, PreparedTimelines, QueueClaim, ReplayStore } from './ports/replay-store.js';

export interface ReplayProgress {
  readonly done: number;
  readonly total: number;
}

const PAGE = 2000;

/** What a replay runs under: the funnel model, the providers of derived signals, and "now". */
export interface ReplayContext {
  readonly model: FunnelModel;
  readonly providers: readonly SignalProvider[];
  /** Evaluation time (UTC ISO): signals after it are not yet due. */
  readonly at: string;
}

/** The version replay rows are stored under: the funnel model plus every provider's version. */
export function replayVersion(ctx: ReplayContext): string {
  return [ctx.model.version, ...ctx.providers.map((p) => p.version)].join('+');
}

export function timelineOf(ctx: ReplayContext, p: PersonActivities): Timeline {
  const history = { person: p.person, activities: p.activities, account: p.account ?? null, firstSeenAt: p.firstSeenAt ?? null, matched: p.matched };
  const signals = ctx.providers.flatMap((provider) => provider.signals(history, ctx.at)).filter((s) => s.at <= ctx.at);
  return replayPerson({ ...ctx.model, version: replayVersion(ctx) }, p.personId, p.activities, signals);
}

/** An id range of persons: after `after` (exclusive, null = from the first) up to `until` (inclusive, null = to the last). */
export interface PersonRange {
  readonly after: string | null;
  readonly until: string | null;
}

/** Pages of computed timelines, prepared for the store, written by replayAll as they come (any order of pages). */
export type TimelinePages = AsyncIterable<PreparedTimelines>;

/** Reads the persons of a range page by page (id order) and computes their timelines: one thread's share of a replay. */
export async function* computeTimelinePages(store: Pick<ReplayStore, 'pagePersonActivities'>, ctx: ReplayContext, range: PersonRange = { after: null, until: null }): AsyncGenerator<Timeline[]> {
  let after = range.after;
  for (;;) {
    const page = await store.pagePersonActivities(after, PAGE, range.until);
    if (page.length === 0) return;
    yield page.map((p) => timelineOf(ctx, p));
    after = page[page.length - 1]!.personId;
  }
}

async function* preparedHere(store: ReplayStore, ctx: ReplayContext): AsyncGenerator<PreparedTimelines> {
  for await (const timelines of computeTimelinePages(store, ctx)) yield store.prepareTimelines(timelines);
}

/**
 * Replays every person under the model, page by page, each page in its own transaction.
 * `pages` computes the timelines elsewhere (worker threads); by default they are computed here.
 * Each page is written before the next is asked for, so a source can hold back (memory stays bounded).
 */
export async function replayAll(
  store: ReplayStore,
  ctx: ReplayContext,
  onProgress?: (p: ReplayProgress) => void,
  pages?: TimelinePages,
): Promise<{ persons: number; transitions: number }> {
  const total = await store.countPersons();
  await store.startBulkRewrite();
  try {
    // Clearing the version once is far cheaper than deleting page by page; a crash mid-way
    // leaves the queue and a partial version that the next replay rebuilds the same way.
    await store.deleteTimelines(replayVersion(ctx));
    let persons = 0;
    let transitions = 0;
    for await (const page of pages ?? preparedHere(store, ctx)) {
      // Pages are of consecutive persons in id order (here, and in each worker's id range).
      await store.writePreparedTimelines(replayVersion(ctx), page, { known: 'absent', consecutive: true });
      persons += page.persons;
      transitions += page.transitions;
      onProgress?.({ done: persons, total });
    }
    return { persons, transitions };
  } finally {
    await store.finishBulkRewrite();
  }
}

/** Replays only these persons: what new data touched, not the whole history. */
export async function replayPersons(
  store: ReplayStore,
  ctx: ReplayContext,
  personIds: readonly string[],
  onProgress?: (p: ReplayProgress) => void,
): Promise<{ persons: number; transitions: number }> {
  let transitions = 0;
  for (let i = 0; i < personIds.length; i += PAGE) {
    const timelines = await store.rewriteTimelines(personIds.slice(i, i + PAGE), replayVersion(ctx), (page) => page.map((p) => timelineOf(ctx, p)));
    transitions += timelines.reduce((n, t) => n + t.transitions.length, 0);
    onProgress?.({ done: Math.min(i + PAGE, personIds.length), total: personIds.length });
  }
  return { persons: personIds.length, transitions };
}

/** Who takes entries off the replay queue, and for how long. */
export interface QueueWork {
  /** Recorded on each claim, e.g. `host:pid:random`; unique per process. */
  readonly claimant: string;
  /** Minutes a claim holds before another worker may take its entries (those of a crashed worker). */
  readonly leaseMinutes?: number;
  /** Entries per claim (default 2000): smaller batches spread a short queue over more workers. */
  readonly batch?: number;
  readonly now?: () => Date;
  /**
   * Also take entries other claimants hold: an operator's import after a crash must not wait
   * for a dead process's lease. A live worker holding them may replay them too; person locks
   * make the two replays run one after the other, with the same result.
   */
  readonly takeOver?: boolean;
  /** Told about each batch this claimant took, before replaying it (awaited). */
  readonly onClaim?: (claims: readonly QueueClaim[]) => void | Promise<void>;
  /** Told inside the batch's transaction, under the persons' locks, once its activities are read and before its timelines are written. */
  readonly onReplaying?: (claims: readonly QueueClaim[]) => void;
  /** Told when that batch is written and its entries are off the queue (or released, when re-queued meanwhile). */
  readonly onDone?: (claims: readonly QueueClaim[]) => void;
}

/**
 * Replays everyone on the replay queue: what imports and ingests touched, including what a
 * crashed run left behind. Entries are claimed in batches, so several workers share the queue
 * without replaying anyone twice; an entry leaves the queue in the same transaction as the
 * person's timeline, and only if it was not queued again meanwhile.
 */
export async function replayQueued(
  store: ReplayStore,
  ctx: ReplayContext,
  work: QueueWork,
  onProgress?: (p: ReplayProgress) => void,
): Promise<{ persons: number; transitions: number }> {
  let persons = 0;
  let transitions = 0;
  const now = work.now ?? (() => new Date());
  for (;;) {
    const at = now();
    const until = new Date(at.getTime() + (work.leaseMinutes ?? 10) * 60_000).toISOString();
    const claims = await store.claimQueued(work.claimant, work.batch ?? PAGE, at.toISOString(), until, work.takeOver ?? false);
    if (claims.length === 0) break;
    await work.onClaim?.(claims);
    const ids = claims.map((c) => c.personId);
    let found = 0;
    // Read and written under the persons' locks, like replayPersons: a server may be replaying them inline.
    const timelines = await store.rewriteTimelines(
      ids,
      replayVersion(ctx),
      (page) => {
        found = page.length;
        work.onReplaying?.(claims);
        // A queued id whose person no longer exists still leaves the queue (an empty timeline).
        const missing = ids.filter((id) => !page.some((p) => p.personId === id));
        return [...page.map((p) => timelineOf(ctx, p)), ...missing.map((id) => emptyTimeline(ctx, id))];
      },
      { claimant: work.claimant, tokens: new Map(claims.map((c) => [c.personId, c.token])) },
    );
    work.onDone?.(claims);
    persons += found;
    transitions += timelines.reduce((n, t) => n + t.transitions.length, 0);
    onProgress?.({ done: persons, total: persons + (await store.queuedPersonIds(1)).length });
  }
  return { persons, transitions };
}

function emptyTimeline(ctx: ReplayContext, personId: string): Timeline {
  return replayPerson({ ...ctx.model, version: replayVersion(ctx) }, personId, []);
}
