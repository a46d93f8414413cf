import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { StageTouchCounts, StageTouchQuery } from '../../app/ports/attribution-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { touchKeySql } from './touch-key-sql.js';

/**
 * For each stage: the people who reached it in the period (journeys with a known time), and per
 * team/channel/campaign how many of them were touched in the window before (at or before the
 * move). Two aggregates whatever the number of stages: one scan of the journeys for the movers,
 * one pass over the touch activities for every stage at once.
 */
export async function stageTouches(db: Kysely<Database>, helpers: DialectHelpers, query: StageTouchQuery): Promise<StageTouchCounts[]> {
  if (query.stages.length === 0) return [];
  const { joins, key } = touchKeySql(helpers, query.config, query.by);
  const atOf = (stage: string): RawBuilder<string> => sql<string>`${sql.ref(`j.at_${stage}`)}`;
  const movedIn = (stage: string): RawBuilder<unknown> => {
    const at = atOf(stage);
    const parts: RawBuilder<unknown>[] = [sql`${at} is not null`];
    if (query.fromIso !== null) parts.push(sql`${at} >= ${query.fromIso}`);
    if (query.toIsoExclusive !== null) parts.push(sql`${at} < ${query.toIsoExclusive}`);
    return sql`(${sql.join(parts, sql` and `)})`;
  };
  const touchedBefore = (stage: string): RawBuilder<unknown> => {
    const at = atOf(stage);
    const window = query.windowDays === null ? sql`` : sql` and a.occurred_at >= ${helpers.isoPlusDays(at, -query.windowDays)}`;
    return sql`${movedIn(stage)} and a.occurred_at <= ${at}${window}`;
  };
  const alias = (i: number) => sql.ref(`s${i}`);

  const movedRow = await sql<Record<string, number | string | null>>`
    select ${sql.join(query.stages.map((s, i) => sql`sum(case when ${movedIn(s)} then 1 else 0 end) as ${alias(i)}`))}
    from journeys j where j.model_version = ${query.modelVersion}`.execute(db);
  const types = sql.join(query.config.touches.types.map((t) => sql`${t}`));
  // Activities first (CROSS JOIN keeps that order on SQLite; PostgreSQL plans it freely): one pass
  // over the touch activities beats looking every mover's activities up, stage by stage.
  const touched = await sql<Record<string, number | string | null>>`
    select ${key} as key,
      ${sql.join(query.stages.map((s, i) => sql`count(distinct case when ${touchedBefore(s)} then a.person_id end) as ${alias(i)}`))}
    from activities a
    cross join journeys j
    ${joins}
    where j.model_version = ${query.modelVersion} and j.person_id = a.person_id and a.type in (${types})
      and (${sql.join(query.stages.map(movedIn), sql` or `)})
    group by 1`.execute(db);

  return query.stages.map((stage, i) => ({
    stage,
    moved: Number(movedRow.rows[0]?.[`s${i}`] ?? 0),
    touched: touched.rows
      .map((r) => ({ key: String(r.key), people: Number(r[`s${i}`] ?? 0) }))
      .filter((r) => r.people > 0)
      .sort((a, b) => b.people - a.people || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  }));
}
