import { toActivity } from './activity-row.js';
import type { Kysely } from 'kysely';
import type { Activity, Person } from '../domain/entities.js';
import type { Timeline } from '../domain/lifecycle.js';
import type { PersonActivities, PreparedTimelines, QueueClaim, ReplayStore } from '../app/ports/replay-store.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { readJson } from './json-column.js';
import { retryTransient } from './retry-transient.js';
import { withAccounts } from './queries/account-facts.js';
import { replayPage } from './queries/replay-page.js';
import { restoreSuspendedIndexes, suspendIndexes } from './suspended-indexes.js';
import { JOURNEY_COLUMNS, SPAN_COLUMNS, TRANSITION_COLUMNS, timelineRows } from './timeline-rows.js';
import type { TimelineRows } from './timeline-rows.js';
import type { ActivitiesTable, Database, PersonsTable } from './schema.js';

export function toPerson(r: PersonsTable): Person {
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    company: r.company,
    accountId: r.account_id,
    owner: r.owner,
    source: r.source,
    country: r.country,
    industry: r.industry,
    title: r.title,
    createdAt: r.created_at,
    doNotCall: r.do_not_call === 1,
    doNotEmail: r.do_not_email === 1,
    attributes: readJson(r.attributes),
  };
}

function group(persons: readonly PersonsTable[], rows: readonly ActivitiesTable[]): PersonActivities[] {
  const byPerson = new Map<string, Activity[]>(persons.map((p) => [p.id, []]));
  for (const r of rows) byPerson.get(r.person_id)?.push(toActivity(r));
  return persons.map((p) => ({ personId: p.id, person: toPerson(p), activities: byPerson.get(p.id) ?? [] }));
}

interface WriteOptions {
  readonly known: 'absent' | 'maybe';
  /** Take off the queue only these entries (person → token); without it, every entry of the written persons. */
  readonly dequeue?: ReadonlyMap<string, string>;
  /** A full replay's page: every person from the first id to the last (see ReplayStore.writePreparedTimelines). */
  readonly consecutive?: boolean;
}

async function queueTokens(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('replay_queue').select(['person_id', 'token']).where('person_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) tokens.set(r.person_id, r.token);
  }
  return tokens;
}

async function dequeue(db: Kysely<Database>, ids: readonly string[], tokens: ReadonlyMap<string, string> | undefined): Promise<void> {
  if (!tokens) {
    await db.deleteFrom('replay_queue').where('person_id', 'in', ids).execute();
    return;
  }
  const pairs = ids.flatMap((id) => (tokens.has(id) ? [[id, tokens.get(id)!] as const] : []));
  if (pairs.length === 0) return;
  await db
    .deleteFrom('replay_queue')
    .where((eb) => eb(eb.refTuple('person_id', 'token'), 'in', pairs.map(([id, token]) => eb.tuple(id, token))))
    .execute();
}

/** A full replay's page cache (SQLite): its writes go in key order; the reads are the workers'. */
const BULK_REWRITE_CACHE_MIB = 64;

export class KyselyReplayStore implements ReplayStore {
  /** Puts the page cache back when a bulk rewrite ends. */
  private restorePageCache: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly helpers: DialectHelpers,
  ) {}

  async countPersons(): Promise<number> {
    const r = await this.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async pagePersonActivities(afterId: string | null, limit: number, untilId: string | null = null): Promise<PersonActivities[]> {
    return replayPage(this.db, this.helpers, afterId, limit, untilId);
  }

  private async activitiesOf(personIds: readonly string[]): Promise<ActivitiesTable[]> {
    const rows: ActivitiesTable[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const part = personIds.slice(i, i + 500);
      rows.push(...(await this.db.selectFrom('activities').selectAll().where('person_id', 'in', part).orderBy('person_id').orderBy('occurred_at').execute()));
    }
    return rows;
  }

  async personActivities(personIds: readonly string[]): Promise<PersonActivities[]> {
    if (personIds.length === 0) return [];
    const persons: PersonsTable[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      persons.push(...(await this.db.selectFrom('persons').selectAll().where('id', 'in', personIds.slice(i, i + 500)).execute()));
    }
    return withAccounts(this.db, group(persons, await this.activitiesOf(persons.map((p) => p.id))));
  }

  prepareTimelines(timelines: readonly Timeline[]): PreparedTimelines {
    const rows = timelineRows(timelines);
    return { persons: timelines.length, transitions: rows.transitionCount, rows };
  }

  async writeTimelines(modelVersion: string, timelines: readonly Timeline[], options: WriteOptions = { known: 'maybe' }): Promise<void> {
    await this.writePreparedTimelines(modelVersion, this.prepareTimelines(timelines), options);
  }

  /** `known: 'absent'` skips deleting old rows (a full replay cleared the version first). */
  async writePreparedTimelines(modelVersion: string, prepared: PreparedTimelines, options: WriteOptions = { known: 'maybe' }): Promise<void> {
    const rows = prepared.rows as TimelineRows;
    if (rows.personIds.length === 0) return;
    await this.inTransaction(async (trx) => {
      if (options.consecutive && !options.dequeue && options.known === 'absent') {
        // One range delete on the queue's key: after an import queued everyone, deleting by lists
        // of ids cost a full replay of 1 M persons 11 s of CPU.
        const first = rows.personIds[0]!;
        const last = rows.personIds[rows.personIds.length - 1]!;
        await trx.deleteFrom('replay_queue').where('person_id', '>=', first).where('person_id', '<=', last).execute();
      } else {
        for (let i = 0; i < rows.personIds.length; i += 300) {
          const ids = rows.personIds.slice(i, i + 300);
          if (options.known === 'maybe') {
            for (const table of ['transitions', 'spans', 'journeys'] as const) {
              await trx.deleteFrom(table).where('model_version', '=', modelVersion).where('person_id', 'in', ids).execute();
            }
          }
          await dequeue(trx, ids, options.dequeue);
        }
      }
      // Whole page per table, the version given once: no object per row, few statements.
      await this.helpers.insertArrays(trx, 'transitions', TRANSITION_COLUMNS, rows.transitions, [modelVersion]);
      await this.helpers.insertArrays(trx, 'spans', SPAN_COLUMNS, rows.spans, [modelVersion]);
      await this.helpers.insertArrays(trx, 'journeys', JOURNEY_COLUMNS, rows.journeys, [modelVersion]);
    });
  }

  async claimQueued(claimant: string, limit: number, now: string, until: string, takeOver = false): Promise<QueueClaim[]> {
    // One statement on both databases: PostgreSQL skips entries other workers are claiming
    // (or ingests are re-queueing) right now; SQLite runs it under its single write lock.
    let candidates = this.db.selectFrom('replay_queue').select('person_id').orderBy('person_id').limit(limit);
    if (!takeOver) candidates = candidates.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]));
    if (takeOver) candidates = candidates.where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '!=', claimant)]));
    const free = this.helpers.skipLocked(candidates);
    const rows = await this.db
      .updateTable('replay_queue')
      .set({ claimed_by: claimant, claimed_until: until })
      .where('person_id', 'in', free)
      .returning(['person_id', 'token'])
      .execute();
    return rows.map((r) => ({ personId: r.person_id, token: r.token })).sort((a, b) => (a.personId < b.personId ? -1 : 1));
  }

  async queuedPersonIds(limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('replay_queue').select('person_id').orderBy('person_id').limit(limit).execute();
    return rows.map((r) => r.person_id);
  }

  /** Joins the caller's transaction when this store was built on one. */
  private inTransaction<T>(run: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  async rewriteTimelines(
    personIds: readonly string[],
    modelVersion: string,
    compute: (page: readonly PersonActivities[]) => Timeline[],
    claim?: { readonly claimant: string; readonly tokens: ReadonlyMap<string, string> },
  ): Promise<Timeline[]> {
    if (personIds.length === 0) return [];
    const ids = [...personIds].sort();
    return retryTransient(() =>
      this.db.transaction().execute(async (trx) => {
        // A no-op update takes the persons' row locks (on both databases), in id order.
        for (let i = 0; i < ids.length; i += 500) {
          await trx.updateTable('persons').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', 'in', ids.slice(i, i + 500)).execute();
        }
        // Which queue entries this replay answers, read before the activities: an ingest that
        // commits after this read re-queues with a new token, and its entry stays queued.
        const tokens = claim?.tokens ?? (await queueTokens(trx, ids));
        const inside = new KyselyReplayStore(trx, this.helpers);
        const timelines = compute(await inside.personActivities(ids));
        await inside.writeTimelines(modelVersion, timelines, { known: 'maybe', dequeue: tokens });
        if (claim) {
          // Entries re-queued while we worked stay, free for the next claim.
          for (let i = 0; i < ids.length; i += 500) {
            await trx.updateTable('replay_queue').set({ claimed_by: null, claimed_until: null }).where('person_id', 'in', ids.slice(i, i + 500)).where('claimed_by', '=', claim.claimant).execute();
          }
        }
        return timelines;
      }),
    );
  }

  async startBulkRewrite(): Promise<void> {
    await suspendIndexes(this.db, this.helpers, 'journeys');
    this.restorePageCache ??= (await this.helpers.narrowPageCache?.(BULK_REWRITE_CACHE_MIB)) ?? null;
  }

  async finishBulkRewrite(): Promise<void> {
    const restore = this.restorePageCache;
    this.restorePageCache = null;
    try {
      await restoreSuspendedIndexes(this.db);
    } finally {
      await restore?.();
    }
  }

  async deleteTimelines(modelVersion: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of ['transitions', 'spans', 'journeys'] as const) {
        await trx.deleteFrom(table).where('model_version', '=', modelVersion).execute();
      }
    });
  }
}
