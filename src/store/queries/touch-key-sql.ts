import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { AttributionKey } from '../../domain/attribute-opportunity.js';
import type { SourcingConfig, TeamRule } from '../../domain/sourcing-config.js';
import { NO_VALUE } from '../../domain/touch.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';

/** SQL that classifies a touch (an `activities a` row) like domain/classify-touch.ts does, for bulk aggregates. */
export interface TouchSql {
  /** Joins the campaigns a touch names (by id, by name); goes right after `activities a`. */
  readonly joins: RawBuilder<unknown>;
  /** The touch's team, channel or campaign. */
  readonly key: RawBuilder<string>;
}

function caseOf(subject: RawBuilder<unknown>, pairs: readonly (readonly [string, string])[]): RawBuilder<string | null> {
  if (pairs.length === 0) return sql<null>`null`;
  return sql<string>`case ${subject} ${sql.join(pairs.map(([k, v]) => sql`when ${k} then ${v}`), sql` `)} end`;
}

/**
 * Compiles the touch rules of a funnel model's sourcing section to SQL. Every configured value
 * is a bound parameter. The TypeScript classifier is the oracle: a test checks both agree.
 */
export function touchKeySql(helpers: DialectHelpers, config: SourcingConfig, by: AttributionKey): TouchSql {
  const campaignProp = sql<string | null>`nullif(${helpers.jsonText('a.properties', 'campaign')}, '')`;
  const channelProp = sql<string | null>`nullif(${helpers.jsonText('a.properties', 'channel')}, '')`;
  const joins = sql`
    left join (select external_id as k, min(name) as name, min(channel) as channel, min(team) as team
               from campaigns group by external_id) cid on cid.k = ${campaignProp}
    left join (select name as k, min(channel) as channel, min(team) as team
               from campaigns where name is not null group by name) cnm on cnm.k = ${campaignProp}`;
  const campaign = sql<string | null>`coalesce(cid.name, ${campaignProp})`;
  const typeChannel = caseOf(sql`a.type`, Object.entries(config.touches.channels) as [string, string][]);
  const channel = sql<string>`coalesce(${channelProp}, cid.channel, cnm.channel, ${typeChannel}, ${NO_VALUE})`;
  if (by === 'channel') return { joins, key: channel };
  if (by === 'campaign') return { joins, key: sql<string>`coalesce(${campaign}, ${NO_VALUE})` };

  const within = (expr: RawBuilder<unknown>, values: readonly string[]): RawBuilder<unknown> => sql`${expr} in (${sql.join(values.map((v) => sql`${v}`))})`;
  const condition = (r: TeamRule): RawBuilder<unknown> => {
    const parts: RawBuilder<unknown>[] = [];
    if (r.system) parts.push(within(sql`a.source`, r.system));
    if (r.type) parts.push(within(sql`a.type`, r.type));
    if (r.channel) parts.push(within(channel, r.channel));
    if (r.campaign) parts.push(within(campaign, r.campaign));
    return parts.length > 0 ? sql.join(parts, sql` and `) : sql`1 = 1`;
  };
  const systemTeam = caseOf(sql`a.source`, Object.entries(config.touches.teams.systems));
  const fallback = sql<string>`coalesce(cid.team, cnm.team, ${systemTeam}, ${config.touches.teams.default})`;
  const rules = config.touches.teams.rules;
  const team =
    rules.length === 0
      ? fallback
      : sql<string>`case ${sql.join(rules.map((r) => sql`when ${condition(r)} then ${r.team}`), sql` `)} else ${fallback} end`;
  return { joins, key: team };
}
