import type { FunnelModel } from '../domain/funnel-model.js';
import { replayPerson } from '../domain/lifecycle.js';
import type { Timeline } from '../domain/lifecycle.js';
import type { SignalProvider } from '../domain/signal-provider.js';
import type { PersonActivities, ReplayStore } from './ports/replay-store.js';

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
  const history = { person: p.person, activities: p.activities };
  const signals = ctx.providers.flatMap((provider) => provider.signals(history, ctx.at)).filter((s) => s.at <= ctx.at);
  return replayPerson({ ...ctx.model, version: replayVersion(ctx) }, p.personId, p.activities, signals);
}

/** Replays every person under the model, page by page, each page in its own transaction. */
export async function replayAll(
  store: ReplayStore,
  ctx: ReplayContext,
  onProgress?: (p: ReplayProgress) => void,
): Promise<{ persons: number; transitions: number }> {
  const total = await store.countPersons();
  // Clearing the version once is far cheaper than deleting page by page; a crash mid-way
  // leaves the queue and a partial version that the next replay rebuilds the same way.
  await store.deleteTimelines(replayVersion(ctx));
  let after: string | null = null;
  let persons = 0;
  let transitions = 0;
  for (;;) {
    const page = await store.pagePersonActivities(after, PAGE);
    if (page.length === 0) break;
    const timelines = page.map((p) => timelineOf(ctx, p));
    await store.writeTimelines(replayVersion(ctx), timelines, { known: 'absent' });
    persons += page.length;
    transitions += timelines.reduce((n, t) => n + t.transitions.length, 0);
    after = page[page.length - 1]!.personId;
    onProgress?.({ done: persons, total });
  }
  return { persons, transitions };
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
    const page = await store.personActivities(personIds.slice(i, i + PAGE));
    const timelines = page.map((p) => timelineOf(ctx, p));
    await store.writeTimelines(replayVersion(ctx), timelines);
    transitions += timelines.reduce((n, t) => n + t.transitions.length, 0);
    onProgress?.({ done: Math.min(i + PAGE, personIds.length), total: personIds.length });
  }
  return { persons: personIds.length, transitions };
}

/**
 * Replays everyone on the replay queue: what imports and ingests touched, including what a
 * crashed run left behind. Persons leave the queue in the same transaction as their timeline.
 */
export async function replayQueued(
  store: ReplayStore,
  ctx: ReplayContext,
  onProgress?: (p: ReplayProgress) => void,
): Promise<{ persons: number; transitions: number }> {
  let persons = 0;
  let transitions = 0;
  for (;;) {
    const ids = await store.queuedPersonIds(PAGE);
    if (ids.length === 0) break;
    const page = await store.personActivities(ids);
    const timelines = page.map((p) => timelineOf(ctx, p));
    // A queued id whose person no longer exists still leaves the queue (an empty timeline).
    const missing = ids.filter((id) => !page.some((p) => p.personId === id));
    await store.writeTimelines(replayVersion(ctx), [...timelines, ...missing.map((id) => emptyTimeline(ctx, id))]);
    persons += page.length;
    transitions += timelines.reduce((n, t) => n + t.transitions.length, 0);
    onProgress?.({ done: persons, total: persons + (await store.queuedPersonIds(1)).length });
  }
  return { persons, transitions };
}

function emptyTimeline(ctx: ReplayContext, personId: string): Timeline {
  return replayPerson({ ...ctx.model, version: replayVersion(ctx) }, personId, []);
}
