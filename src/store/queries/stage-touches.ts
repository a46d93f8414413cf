import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { StageTouchCounts, StageTouchQuery } from '../../app/ports/attribution-store.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { touchKeySql } from './touch-key-sql.js';

/**
 * For each stage: the people who reached it in the period (journeys with a known time), and per
 * team/channel/campaign how many of them were touched in the window before (at or before the
 * move). One aggregate per stage, in SQL, so it scales with the activities table.
 */
export async function stageTouches(db: Kysely<Database>, helpers: DialectHelpers, query: StageTouchQuery): Promise<StageTouchCounts[]> {
  const { joins, key } = touchKeySql(helpers, query.config, query.by);
  const out: StageTouchCounts[] = [];
  for (const stage of query.stages) {
    const at = sql<string>`${sql.ref(`j.at_${stage}`)}`;
    const period: RawBuilder<unknown>[] = [sql`${at} is not null`];
    if (query.fromIso !== null) period.push(sql`${at} >= ${query.fromIso}`);
    if (query.toIsoExclusive !== null) period.push(sql`${at} < ${query.toIsoExclusive}`);
    const moved = sql.join(period, sql` and `);
    const window = query.windowDays === null ? sql`` : sql`and a.occurred_at >= ${helpers.isoPlusDays(at, -query.windowDays)}`;
    const types = sql.join(query.config.touches.types.map((t) => sql`${t}`));

    const movedRow = await sql<{ n: number | string }>`
      select count(*) as n from journeys j where j.model_version = ${query.modelVersion} and ${moved}`.execute(db);
    const touched = await sql<{ key: string; people: number | string }>`
      select t.key as key, count(distinct t.person_id) as people from (
        select ${key} as key, j.person_id as person_id
        from journeys j
        join activities a on a.person_id = j.person_id
        ${joins}
        where j.model_version = ${query.modelVersion} and ${moved}
          and a.type in (${types}) and a.occurred_at <= ${at} ${window}
      ) t group by t.key`.execute(db);
    out.push({
      stage,
      moved: Number(movedRow.rows[0]?.n ?? 0),
      touched: touched.rows
        .map((r) => ({ key: String(r.key), people: Number(r.people) }))
        .sort((a, b) => b.people - a.people || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    });
  }
  return out;
}
