import type { AttributeValue } from '../domain/entities.js';
import { ValueStats } from '../domain/qualification/value-stats.js';
import type { MainStageId } from '../domain/stage.js';
import type { QualificationStore } from './ports/qualification-store.js';
import type { PersonActivities } from './ports/replay-store.js';
import { timelineOf } from './replay.js';
import type { ReplayContext } from './replay.js';

/** Stages `profile suggest` can learn to predict: reached after qualification, so not shaped by it. */
export const SUGGEST_OUTCOMES = ['sal', 'sql', 'opportunity', 'won'] as const satisfies readonly MainStageId[];
export type SuggestOutcome = (typeof SUGGEST_OUTCOMES)[number];

/** Person fields that describe who someone is (names, emails, ids and the owner do not). */
const TRAITS = ['source', 'country', 'industry', 'title', 'doNotEmail', 'doNotCall'] as const;

/** The traits of a person a profile can test: standard fields, imported attributes, account fields. */
export function traitsOf(p: PersonActivities): Record<string, AttributeValue | undefined> {
  const out: Record<string, AttributeValue | undefined> = {};
  for (const f of TRAITS) out[f] = p.person[f];
  for (const [k, v] of Object.entries(p.person.attributes)) out[k] = v;
  if (p.account) {
    for (const [k, v] of Object.entries(p.account.attributes)) out[`account.${k}`] = v;
  }
  return out;
}

/**
 * Counts, per trait value, the people who entered the funnel and those of them who reached
 * the outcome, replaying each person with the engine (funnel triggers only need loading).
 */
export async function collectValueStats(
  store: QualificationStore,
  ctx: ReplayContext,
  outcome: SuggestOutcome,
  include: (personId: string) => boolean,
): Promise<ValueStats> {
  const stats = new ValueStats();
  const types = [...new Set(ctx.model.stages.flatMap((s) => s.entry.map((e) => e.activity)))];
  let after: string | null = null;
  for (;;) {
    const page = await store.pageScoring(after, 2000, types);
    if (page.length === 0) break;
    after = page[page.length - 1]!.personId;
    for (const row of page) {
      if (!include(row.personId)) continue;
      const t = timelineOf(ctx, row);
      if (t.journey.enteredAt === null) continue;
      stats.add(traitsOf(row), t.journey.reached[outcome] !== undefined);
    }
  }
  return stats;
}
