import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { stageMask } from '../queries/stage-mask.js';

/** The main stages at the time of this migration (frozen: the index names and columns must not move). */
const STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const;

/**
 * Indexes that let the cohort funnel report read indexes instead of aggregating every journey row
 * (store/queries/cohort-person-stages.ts):
 * - `journeys_funnel` (model_version, current_stage, stage mask): the reached and current counts
 *   become one `group by` walking it in order. No time column on purpose: its entries then sort
 *   by rowid within a few dozen (stage, mask) groups, so replay, which appends journeys, writes
 *   it at a few hot pages. With current_since and entered_at in it (which would answer past-SLA
 *   counts and periods from the index too) writing 1 M journeys cost 20.4 s of CPU instead of
 *   12.0 s; without them 14.6 s, days indexes included.
 * - `journeys_days_<stage>` (model_version, days_<stage>, entered_at), partial on days not null:
 *   each percentile of days to the next stage is a count and an offset into it, no sort.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index journeys_funnel on journeys (model_version, current_stage, ${stageMask()})`.execute(db);
  for (const s of STAGES) {
    const days = sql.ref(`days_${s}`);
    await sql`create index ${sql.ref(`journeys_days_${s}`)} on journeys (model_version, ${days}, entered_at) where ${days} is not null`.execute(db);
  }
}
