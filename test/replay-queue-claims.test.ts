import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestRequest } from '../src/app/ingest-input.js';
import type { QueueClaim } from '../src/app/ports/replay-store.js';
import type { Services } from '../src/app/services.js';
import { openServices } from '../src/main/services.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const persons = (ids: readonly string[]): IngestRequest => ({
  persons: ids.map((id, index) => ({ index, value: { system: 'crm', externalId: id, email: `${id}@example.com`, createdAt: '2024-01-02T00:00:00Z' } })),
  activities: [],
  opportunities: [],
});

const meeting = (id: string, n: number): IngestRequest => ({
  persons: [],
  activities: [{ index: 0, value: { system: 'crm', externalId: `${id}-m${n}`, person: { externalId: id }, type: 'meeting', occurredAt: `2024-02-0${n}T00:00:00Z` } }],
  opportunities: [],
});

describe.each(DIALECTS)('replay queue claims on %s', (dialect) => {
  let db: TestDatabase;
  let services: Services;
  let store: OpenedStore;
  const queue = async () => store.db.selectFrom('replay_queue').selectAll().orderBy('person_id').execute();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    // Ingests only queue: nothing replays until someone takes the queue.
    services = await openServices(db.location, { inlineReplay: false });
    store = await openStore(db.location);
  });
  afterAll(async () => {
    await store?.close();
    await services?.close();
    await db?.drop();
  });

  it('hands each entry to one claimant until its claim lapses', async () => {
    const r = await services.ingest(persons(Array.from({ length: 30 }, (_, i) => `C${String(i).padStart(2, '0')}`)));
    expect(r.personsReplayed).toBe(0);
    expect(await queue()).toHaveLength(30);
    const now = '2030-01-01T00:00:00.000Z';
    const until = '2030-01-01T00:10:00.000Z';
    const a = await store.replay.claimQueued('a', 10, now, until);
    const b = await store.replay.claimQueued('b', 100, now, until);
    expect(a).toHaveLength(10);
    expect(b).toHaveLength(20);
    expect(new Set([...a, ...b].map((c) => c.personId)).size).toBe(30);
    expect(await store.replay.claimQueued('c', 100, now, until)).toEqual([]);
    // After the lease, a crashed claimant's entries go to whoever asks.
    expect(await store.replay.claimQueued('c', 100, '2030-01-01T00:10:00.001Z', '2030-01-01T00:20:00.000Z')).toHaveLength(30);
    expect(new Set((await queue()).map((q) => q.claimed_by))).toEqual(new Set(['c']));
    // An operator's import takes over claims held elsewhere.
    expect(await store.replay.claimQueued('import', 100, now, until, true)).toHaveLength(30);
    await store.db.updateTable('replay_queue').set({ claimed_by: null, claimed_until: null }).execute();
    await services.replayQueue({ claimant: 'w' });
    expect(await queue()).toEqual([]);
  });

  it('keeps a person queued when new data for them arrives while a worker replays them', async () => {
    await services.ingest(persons(['R1', 'R2']));
    const r1 = (await store.db.selectFrom('identities').select('person_id').where('external_id', '=', 'R1').execute()).map((x) => x.person_id)[0]!;
    const claims: QueueClaim[][] = [];
    const r = await services.replayQueue({
      claimant: 'w1',
      onClaim: async (c) => {
        claims.push([...c]);
        // New data for R1 lands after the claim, before the replay: its entry must survive the replay.
        if (claims.length === 1) {
          await services.ingest(meeting('R1', 1));
          const entry = (await queue()).find((q) => q.person_id === r1)!;
          expect(entry.token).not.toBe(c.find((x) => x.personId === r1)!.token);
          expect(entry.claimed_by).toBe('w1');
        }
      },
    });
    // The first batch replayed R1 and R2; R1's new entry was released and taken again.
    expect(claims.map((c) => c.map((x) => x.personId))).toEqual([[...claims[0]!.map((x) => x.personId)], [r1]]);
    expect(claims[0]).toHaveLength(2);
    expect(r.persons).toBe(3);
    expect(await queue()).toEqual([]);
    const reached = await store.db.selectFrom('transitions').select('to_stage').where('person_id', '=', r1).execute();
    expect(reached.length).toBeGreaterThan(0);
  });
});
