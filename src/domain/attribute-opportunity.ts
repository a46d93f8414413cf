import { allocate } from './allocate.js';
import type { AttributionModel } from './attribution-model.js';
import { touchWeights } from './attribution-model.js';
import type { OpportunityJourney } from './opportunity-journey.js';
import { sourcedBy } from './sourced-by.js';
import type { SourcingConfig } from './sourcing-config.js';
import { NO_TOUCH, NO_VALUE } from './touch.js';

/** The report keys a credit can be grouped by. */
export const ATTRIBUTION_KEYS = ['team', 'channel', 'campaign'] as const;
export type AttributionKey = (typeof ATTRIBUTION_KEYS)[number];

/** A part of one opportunity's amount credited to one touch (or, without a touch, to a source). */
export interface Credit {
  readonly opportunityId: string;
  readonly touchId: string | null;
  readonly keys: Readonly<Record<AttributionKey, string>>;
  /** Integer minor units; an opportunity's credits sum to its amount exactly. */
  readonly amountMinor: number;
  /** Fraction of the deal, 0..1; an opportunity's shares sum to 1. */
  readonly share: number;
}

/** Splits one opportunity's amount over its touches under a model. */
export function attributeOpportunity(
  model: AttributionModel,
  journey: OpportunityJourney,
  config: SourcingConfig,
): Credit[] {
  const o = journey.opportunity;
  if (model === 'sourced') {
    const s = sourcedBy(journey, config);
    const keys = { team: s.team, channel: s.channel, campaign: s.campaign };
    return [{ opportunityId: o.id, touchId: s.touch?.id ?? null, keys, amountMinor: o.amountMinor, share: 1 }];
  }
  if (journey.touches.length === 0) {
    const keys = { team: NO_TOUCH, channel: NO_TOUCH, campaign: NO_TOUCH };
    return [{ opportunityId: o.id, touchId: null, keys, amountMinor: o.amountMinor, share: 1 }];
  }
  const weights = touchWeights(model, journey, config.halfLifeDays);
  const amounts = allocate(o.amountMinor, weights);
  const total = Number(weights.reduce((a, b) => a + b, 0n));
  return journey.touches.map((t, i) => ({
    opportunityId: o.id,
    touchId: t.id,
    keys: { team: t.team, channel: t.channel, campaign: t.campaign ?? NO_VALUE },
    amountMinor: amounts[i]!,
    share: Number(weights[i]!) / total,
  }));
}
