import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { MainStageId } from '../../domain/stage.js';

/**
 * The main stages a journey reached, as one integer: bit i set when it reached `MAIN_STAGES[i]`.
 * The index `journeys_funnel` (migration 009) is built on exactly this expression over unqualified
 * columns of `journeys`: SQLite uses an expression index only for the identical expression, so the
 * read models must emit it through this function, and changing it needs a new migration.
 */
export function stageMask(): RawBuilder<number> {
  return sql<number>`(${sql.raw(MAIN_STAGES.map((s, i) => (i === 0 ? `reached_${s}` : `${2 ** i} * reached_${s}`)).join(' + '))})`;
}

/** Whether a stage mask has the stage's bit. */
export function maskHas(mask: number, stage: MainStageId): boolean {
  return (mask & (2 ** MAIN_STAGES.indexOf(stage))) !== 0;
}
