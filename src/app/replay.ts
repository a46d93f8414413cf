import type { FunnelModel } from '../domain/funnel-model.js';
import { replayPerson } from '../domain/lifecycle.js';
import type { ReplayStore } from './ports/replay-store.js';

export interface ReplayProgress {
  readonly done: number;
  readonly total: number;
}

const PAGE = 2000;

/** Replays every person under the model, page by page, each page in its own transaction. */
export async function replayAll(
  store: ReplayStore,
  model: FunnelModel,
  onProgress?: (p: ReplayProgress) => void,
): Promise<{ persons: number; transitions: number }> {
  const total = await store.countPersons();
  let after: string | null = null;
  let persons = 0;
  let transitions = 0;
  for (;;) {
    const page = await store.pagePersonActivities(after, PAGE);
    if (page.length === 0) break;
    const timelines = page.map((p) => replayPerson(model, p.personId, p.activities));
    await store.writeTimelines(model.version, timelines);
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
  model: FunnelModel,
  personIds: readonly string[],
  onProgress?: (p: ReplayProgress) => void,
): Promise<{ persons: number; transitions: number }> {
  let transitions = 0;
  for (let i = 0; i < personIds.length; i += PAGE) {
    const page = await store.personActivities(personIds.slice(i, i + PAGE));
    const timelines = page.map((p) => replayPerson(model, p.personId, p.activities));
    await store.writeTimelines(model.version, timelines);
    transitions += timelines.reduce((n, t) => n + t.transitions.length, 0);
    onProgress?.({ done: Math.min(i + PAGE, personIds.length), total: personIds.length });
  }
  return { persons: personIds.length, transitions };
}
