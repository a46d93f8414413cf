import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { stageMask } from '../queries/stage-mask.js';

/** The main stages at the time of this migration (frozen: the index names and columns must not move). */
const STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const;

/**
 * Indexes that let the cohort funnel report read indexes instead of aggregating every journey row
 * (store/queries/cohort-person-stages.ts):
 * - `journeys_funnel` (model_version, current_stage, stage mask, current_since, entered_at): the
 *   reached and current counts become one `group by` walking it in order, past-SLA counts a range
 *   of it per stage; `entered_at` is there so a cohort period is filtered inside the index.
 * - `journeys_days_<stage>` (model_version, days_<stage>, entered_at), partial on days not null:
 *   each percentile of days to the next stage is a count and an offset into it, no sort.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index journeys_funnel on journeys (model_version, current_stage, ${stageMask()}, current_since, entered_at)`.execute(db);
  for (const s of STAGES) {
    const days = sql.ref(`days_${s}`);
    await sql`create index ${sql.ref(`journeys_days_${s}`)} on journeys (model_version, ${days}, entered_at) where ${days} is not null`.execute(db);
  }
}
