import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { CohortFilter } from '../../app/ports/report-store.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { MainStageId } from '../../domain/stage.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';
import type { Database } from '../schema.js';
import { unitJourneys } from './unit-journeys.js';

type Row = Record<string, unknown>;

/**
 * Median days from passing each main stage to passing the next, for units that entered in the
 * period. Unlike the report's days-to-next, a stage passed by a skip counts as passed when the
 * later stage was reached, so a lead that went from mql straight to won still tells how long mql→won took.
 */
export async function stageLags(db: Kysely<Database>, helpers: DialectHelpers, query: CohortFilter): Promise<Partial<Record<MainStageId, number>>> {
  const source = unitJourneys(helpers, { unit: query.unit ?? 'person', modelVersion: query.modelVersion, by: null });
  const columns = MAIN_STAGES.slice(0, -1).map((s, i) => {
    const next = MAIN_STAGES[i + 1]!;
    return helpers.percentile(sql`${sql.ref(`j.since_${next}`)} - ${sql.ref(`j.since_${s}`)}`, 0.5).as(`lag_${s}`);
  });
  let q = db.selectFrom(source.as('j')).select(columns);
  if (query.fromIso) q = q.where('j.entered_at', '>=', query.fromIso);
  if (query.toIsoExclusive) q = q.where('j.entered_at', '<', query.toIsoExclusive);
  const [row] = (await q.execute()) as Row[];
  const out: Partial<Record<MainStageId, number>> = {};
  for (const s of MAIN_STAGES.slice(0, -1)) {
    const v = row?.[`lag_${s}`];
    if (v !== null && v !== undefined) out[s] = Number(v);
  }
  return out;
}
