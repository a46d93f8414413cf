import type { AttributionKey } from './attribute-opportunity.js';
import { attributeOpportunity } from './attribute-opportunity.js';
import type { AttributionModel } from './attribution-model.js';
import type { OpportunityJourney } from './opportunity-journey.js';
import { opportunityCreatedAt } from './opportunity-journey.js';
import type { Period } from './period.js';
import { inPeriod } from './period.js';
import type { SourcingConfig } from './sourcing-config.js';
import { NO_VALUE } from './touch.js';

/** One key's credited figures, in minor units. */
export interface KeyFigures {
  /** Distinct touches with this key on the journeys of the period's deals (before each one's close). */
  touches: number;
  /** Credit of the opportunities created in the period (any status). */
  pipelineMinor: number;
  /** Credit of the opportunities won (closed) in the period. */
  revenueMinor: number;
  /** Credited share of the deals won in the period. */
  deals: number;
}

export interface CreditedFigures {
  readonly byKey: ReadonlyMap<string, KeyFigures>;
  /** Totals over the period's deals: revenue is exactly the won amount, deals the won count. */
  readonly total: KeyFigures;
}

/**
 * How deals are placed in a period. `close`: pipeline by the deal's creation, revenue by its won
 * close (the usual attribution view). `cohort`: both by when the deal's person entered the funnel,
 * as the funnel report counts revenue (a cohort's deals, whenever they closed).
 */
export const ATTRIBUTION_BASES = ['close', 'cohort'] as const;
export type AttributionBasis = (typeof ATTRIBUTION_BASES)[number];

/** Which of a journey's figures fall in the period under the basis. */
export function periodRoles(j: OpportunityJourney, period: Period, basis: AttributionBasis = 'close'): { pipeline: boolean; revenue: boolean } {
  const o = j.opportunity;
  if (basis === 'cohort') {
    const inCohort = inPeriod(o.cohortAt ?? null, period);
    return { pipeline: inCohort, revenue: inCohort && o.status === 'won' };
  }
  return { pipeline: inPeriod(opportunityCreatedAt(o), period), revenue: o.status === 'won' && inPeriod(o.closedAt, period) };
}

/** Every journey's credit under a model, summed per key. Pure; money stays in minor units. */
export function creditByKey(
  journeys: readonly OpportunityJourney[],
  model: AttributionModel,
  by: AttributionKey,
  period: Period,
  config: SourcingConfig,
  basis: AttributionBasis = 'close',
): CreditedFigures {
  const byKey = new Map<string, KeyFigures>();
  const touchSets = new Map<string, Set<string>>();
  const allTouches = new Set<string>();
  const total: KeyFigures = { touches: 0, pipelineMinor: 0, revenueMinor: 0, deals: 0 };
  const figures = (key: string): KeyFigures => {
    let f = byKey.get(key);
    if (!f) byKey.set(key, (f = { touches: 0, pipelineMinor: 0, revenueMinor: 0, deals: 0 }));
    return f;
  };
  for (const j of journeys) {
    const roles = periodRoles(j, period, basis);
    if (!roles.pipeline && !roles.revenue) continue;
    const amount = j.opportunity.amountMinor;
    if (roles.pipeline) total.pipelineMinor += amount;
    if (roles.revenue) {
      total.revenueMinor += amount;
      total.deals += 1;
    }
    for (const t of j.touches) {
      const key = by === 'campaign' ? (t.campaign ?? NO_VALUE) : t[by];
      allTouches.add(t.id);
      let set = touchSets.get(key);
      if (!set) touchSets.set(key, (set = new Set()));
      set.add(t.id);
    }
    for (const c of attributeOpportunity(model, j, config)) {
      const f = figures(c.keys[by]);
      if (roles.pipeline) f.pipelineMinor += c.amountMinor;
      if (roles.revenue) {
        f.revenueMinor += c.amountMinor;
        f.deals += c.share;
      }
    }
  }
  for (const [key, set] of touchSets) figures(key).touches = set.size;
  total.touches = allTouches.size;
  return { byKey, total };
}
