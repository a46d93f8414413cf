import type { OpenedStore } from '../src/store/open-store.js';

/** Every replay row of every table, in key order: byte-for-byte what a replay wrote. */
export async function replayRows(store: OpenedStore): Promise<Record<string, unknown[]>> {
  return {
    transitions: await store.db.selectFrom('transitions').selectAll().orderBy('model_version').orderBy('person_id').orderBy('seq').execute(),
    spans: await store.db.selectFrom('spans').selectAll().orderBy('model_version').orderBy('person_id').orderBy('seq').execute(),
    journeys: await store.db.selectFrom('journeys').selectAll().orderBy('model_version').orderBy('person_id').execute(),
  };
}
