import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FunnelUnit } from '../../domain/funnel-unit.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { MainStageId } from '../../domain/stage.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import { unitFieldExpression } from './group-key.js';

type PerStage<P extends string, T> = { [S in MainStageId as `${P}_${S}`]: T };

/**
 * One row per counted unit (a person, or an account) — the shape every funnel read model scans.
 * `passed_S` is when the unit passed stage S: its own time, or for a stage passed by a skip the
 * time of the later stage that skipped it. `since_S` is days from funnel entry to `passed_S`.
 */
export type UnitJourneyRow = {
  unit_id: string;
  group_key: string | null;
  owner: string | null;
  entered_at: string | null;
  current_stage: string | null;
  current_since: string | null;
} & PerStage<'reached', number> &
  PerStage<'at', string | null> &
  PerStage<'passed', string | null> &
  PerStage<'days', number | null> &
  PerStage<'since', number | null>;

export interface UnitJourneyOptions {
  readonly unit: FunnelUnit;
  readonly modelVersion: string;
  /** A field to put in `group_key` (person field for people, account field for accounts). */
  readonly by: string | null;
}

/** `coalesce(at_S, at_next, …, at_won)` over a table alias: when S was passed. */
function passedAt(alias: string, stage: MainStageId): RawBuilder<string | null> {
  const later = MAIN_STAGES.slice(MAIN_STAGES.indexOf(stage)).map((s) => sql.ref(`${alias}.at_${s}`));
  return later.length === 1 ? sql<string | null>`${later[0]}` : sql<string | null>`coalesce(${sql.join(later)})`;
}

function daysBetween(helpers: DialectHelpers, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(${helpers.epochDays(to)} - ${helpers.epochDays(from)})`;
}

function personUnits(helpers: DialectHelpers, o: UnitJourneyOptions): RawBuilder<unknown> {
  const columns = MAIN_STAGES.flatMap((s) => [
    sql`${sql.ref(`j.reached_${s}`)} as ${sql.ref(`reached_${s}`)}`,
    sql`${sql.ref(`j.at_${s}`)} as ${sql.ref(`at_${s}`)}`,
    sql`${passedAt('j', s)} as ${sql.ref(`passed_${s}`)}`,
    sql`${sql.ref(`j.days_${s}`)} as ${sql.ref(`days_${s}`)}`,
    sql`${daysBetween(helpers, sql`j.entered_at`, passedAt('j', s))} as ${sql.ref(`since_${s}`)}`,
  ]);
  // Person fields as subqueries, not a join: a read model that uses neither pays nothing for them
  // (the derived table is flattened). Every journey has its person (persons are never deleted).
  const groupKey = o.by === null ? sql`null` : sql`(select ${unitFieldExpression(helpers, 'person', o.by, 'p')} from persons p where p.id = j.person_id)`;
  // All the version's journeys: a scan, not one table lookup per row through the index.
  return sql`select j.person_id as unit_id, ${groupKey} as group_key,
    (select p.owner from persons p where p.id = j.person_id) as owner, j.entered_at as entered_at, j.current_stage as current_stage, j.current_since as current_since,
    ${sql.join(columns)}
    from journeys j
    where ${helpers.scanned(sql`j.model_version`)} = ${o.modelVersion}`;
}

function accountUnits(helpers: DialectHelpers, o: UnitJourneyOptions): RawBuilder<unknown> {
  const inner = MAIN_STAGES.flatMap((s) => [
    sql`max(${sql.ref(`j.reached_${s}`)}) as ${sql.ref(`reached_${s}`)}`,
    sql`min(${sql.ref(`j.at_${s}`)}) as ${sql.ref(`at_${s}`)}`,
    sql`min(${passedAt('j', s)}) as ${sql.ref(`passed_${s}`)}`,
  ]);
  const outer = MAIN_STAGES.flatMap((s, i) => {
    const next = MAIN_STAGES[i + 1];
    return [
      sql`${sql.ref(`a.reached_${s}`)} as ${sql.ref(`reached_${s}`)}`,
      sql`${sql.ref(`a.at_${s}`)} as ${sql.ref(`at_${s}`)}`,
      sql`${sql.ref(`a.passed_${s}`)} as ${sql.ref(`passed_${s}`)}`,
      next
        ? sql`${daysBetween(helpers, sql.ref(`a.at_${s}`), sql.ref(`a.at_${next}`))} as ${sql.ref(`days_${s}`)}`
        : sql`cast(null as double precision) as ${sql.ref(`days_${s}`)}`,
      sql`${daysBetween(helpers, sql`a.entered_at`, sql.ref(`a.passed_${s}`))} as ${sql.ref(`since_${s}`)}`,
    ];
  });
  // An account's current stage is the furthest main stage any of its people reached, since it was first passed.
  const furthest = [...MAIN_STAGES].reverse();
  const currentStage = sql`case ${sql.join(furthest.map((s) => sql`when ${sql.ref(`a.reached_${s}`)} = 1 then ${sql.lit(s)}`), sql` `)} end`;
  const currentSince = sql`case ${sql.join(furthest.map((s) => sql`when ${sql.ref(`a.reached_${s}`)} = 1 then ${sql.ref(`a.passed_${s}`)}`), sql` `)} end`;
  return sql`select a.unit_id as unit_id, ${unitFieldExpression(helpers, 'account', o.by, 'acc')} as group_key,
    a.owner as owner, a.entered_at as entered_at, ${currentStage} as current_stage, ${currentSince} as current_since,
    ${sql.join(outer)}
    from (
      select p.account_id as unit_id, min(p.owner) as owner, min(j.entered_at) as entered_at, ${sql.join(inner)}
      from journeys j inner join persons p on p.id = j.person_id
      where j.model_version = ${o.modelVersion} and p.account_id is not null
      group by p.account_id
    ) a left join accounts acc on acc.id = a.unit_id`;
}

/** The journeys of the chosen unit as a derived table: `db.selectFrom(unitJourneys(…).as('j'))`. */
export function unitJourneys(helpers: DialectHelpers, options: UnitJourneyOptions): RawBuilder<UnitJourneyRow> {
  const body = options.unit === 'account' ? accountUnits(helpers, options) : personUnits(helpers, options);
  return sql<UnitJourneyRow>`(${body})`;
}
