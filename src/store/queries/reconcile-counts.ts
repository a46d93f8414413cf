import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { SystemRecordFacts } from '../../domain/count-reconciliation.js';
import { MAIN_STAGES, isStage } from '../../domain/stage.js';
import type { MainStageId, StageId } from '../../domain/stage.js';
import type { PersonCountRow } from '../../app/ports/reconcile-store.js';
import type { Database, JourneysTable } from '../schema.js';

const stageOf = (s: string | null): StageId | null => (s !== null && isStage(s) ? s : null);

/** A page of persons (id order): each landed record's own status and date, and the replayed journey. */
export async function personCountPage(db: Kysely<Database>, modelVersion: string, afterId: string | null, limit: number): Promise<PersonCountRow[]> {
  let q = db.selectFrom('persons').select('id').orderBy('id').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const first = ids[0]!;
  const last = ids[ids.length - 1]!;
  // One range scan each instead of long IN lists: the page is a contiguous id range.
  const records = await db
    .selectFrom('person_sources')
    .select(['person_id', 'source', 'stage', sql<string | null>`coalesce(created_at, stage_at)`.as('at')])
    .where('person_id', '>=', first)
    .where('person_id', '<=', last)
    .execute();
  const journeys = await db.selectFrom('journeys').selectAll().where('model_version', '=', modelVersion).where('person_id', '>=', first).where('person_id', '<=', last).execute();
  const recs = new Map<string, SystemRecordFacts[]>();
  for (const r of records) recs.set(r.person_id!, [...(recs.get(r.person_id!) ?? []), { source: r.source, stage: stageOf(r.stage), at: r.at }]);
  const js = new Map<string, JourneysTable>(journeys.map((j) => [j.person_id, j]));
  return ids.map((personId) => {
    const j = js.get(personId);
    return {
      personId,
      records: recs.get(personId) ?? [],
      enteredAt: j?.entered_at ?? null,
      reached: j ? MAIN_STAGES.filter((s): s is MainStageId => Number(j[`reached_${s}`]) === 1) : [],
      current: stageOf(j?.current_stage ?? null),
    };
  });
}

/** Rejected persons rows by system, status and date. */
export async function rejectedRecords(db: Kysely<Database>): Promise<(SystemRecordFacts & { n: number })[]> {
  const at = sql<string | null>`coalesce(created_at, stage_at)`;
  const rows = await db
    .selectFrom('person_sources')
    .select(['source', 'stage', at.as('at'), sql<number>`count(*)`.as('n')])
    .where('person_id', 'is', null)
    .groupBy(['source', 'stage', at])
    .execute();
  return rows.map((r) => ({ source: r.source, stage: stageOf(r.stage), at: r.at, n: Number(r.n) }));
}

export async function hasJourneys(db: Kysely<Database>, modelVersion: string): Promise<boolean> {
  return (await db.selectFrom('journeys').select('person_id').where('model_version', '=', modelVersion).limit(1).execute()).length > 0;
}
