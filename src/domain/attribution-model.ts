import type { OpportunityJourney } from './opportunity-journey.js';
import { opportunityCreatedAt } from './opportunity-journey.js';
import type { Touch } from './touch.js';

/**
 * The attribution models. `sourced` gives the whole deal to the touch (or original source) that
 * sourced it (see sourcing-config.ts); the others spread it over the touches before the close.
 */
export const ATTRIBUTION_MODELS = [
  'sourced',
  'first-touch',
  'last-touch',
  'linear',
  'time-decay',
  'u-shaped',
  'w-shaped',
  'full-path',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export function isAttributionModel(value: string): value is AttributionModel {
  return (ATTRIBUTION_MODELS as readonly string[]).includes(value);
}

/** Index of the last touch at or before a moment; the first touch when none is (or the moment is unknown). */
function lastAtOrBefore(touches: readonly Touch[], at: string | null): number {
  if (at === null) return 0;
  let found = 0;
  touches.forEach((t, i) => {
    if (t.at <= at) found = i;
  });
  return found;
}

/**
 * Position-based weights: each anchor role's share goes to the touch that holds it (roles on the
 * same touch add up), the middle share is split evenly over the other touches, and when there
 * are no other touches the anchors' shares are scaled up to the whole. Integer arithmetic:
 * everything is multiplied by the number of middle touches.
 */
function positionWeights(n: number, anchors: readonly { index: number; share: number }[], middleShare: number): bigint[] {
  const anchorShare = new Map<number, number>();
  for (const a of anchors) anchorShare.set(a.index, (anchorShare.get(a.index) ?? 0) + a.share);
  const middle = n - anchorShare.size;
  return Array.from({ length: n }, (_, i) => {
    const share = anchorShare.get(i);
    if (share !== undefined) return BigInt(share * Math.max(middle, 1));
    return BigInt(middleShare);
  });
}

const TIME_DECAY_SCALE = 2 ** 40;
const DAY_MS = 86_400_000;

/**
 * Each touch's weight under a multi-touch model; credit is the deal's amount split in proportion
 * (see allocate.ts). Roles: first touch (FT); lead creation (LC), the last touch at or before the
 * lead was created; opportunity creation (OC), the last touch at or before the deal was created;
 * the closing touch (CL), the last touch before the close.
 *   first-touch 100% FT · last-touch 100% CL · linear equal · time-decay 2^(−days before close ÷ half-life)
 *   u-shaped FT 40 / LC 40 / rest 20 · w-shaped FT 30 / LC 30 / OC 30 / rest 10
 *   full-path FT 22.5 / LC 22.5 / OC 22.5 / CL 22.5 / rest 10
 */
export function touchWeights(model: Exclude<AttributionModel, 'sourced'>, journey: OpportunityJourney, halfLifeDays: number): bigint[] {
  const touches = journey.touches;
  const n = touches.length;
  if (n === 0) return [];
  const ft = 0;
  const cl = n - 1;
  const lc = lastAtOrBefore(touches, journey.leadCreatedAt);
  const oc = lastAtOrBefore(touches, opportunityCreatedAt(journey.opportunity));
  switch (model) {
    case 'first-touch':
      return touches.map((_, i) => (i === ft ? 1n : 0n));
    case 'last-touch':
      return touches.map((_, i) => (i === cl ? 1n : 0n));
    case 'linear':
      return touches.map(() => 1n);
    case 'time-decay': {
      // 2^(−days before close ÷ half-life), taken relative to the latest touch: the same proportions,
      // and the largest weight is exactly the scale, so the weights are never all zero.
      const halfLifeMs = halfLifeDays * DAY_MS;
      const latest = Date.parse(touches[cl]!.at);
      return touches.map((t) => BigInt(Math.round(2 ** (-(latest - Date.parse(t.at)) / halfLifeMs) * TIME_DECAY_SCALE)));
    }
    case 'u-shaped':
      return positionWeights(n, [{ index: ft, share: 40 }, { index: lc, share: 40 }], 20);
    case 'w-shaped':
      return positionWeights(n, [{ index: ft, share: 30 }, { index: lc, share: 30 }, { index: oc, share: 30 }], 10);
    case 'full-path':
      return positionWeights(
        n,
        [{ index: ft, share: 45 }, { index: lc, share: 45 }, { index: oc, share: 45 }, { index: cl, share: 45 }],
        20,
      );
    default: {
      const never: never = model;
      throw new Error(`unknown attribution model ${String(never)}`);
    }
  }
}
