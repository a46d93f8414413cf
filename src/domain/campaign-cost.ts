import type { AttributionKey } from './attribute-opportunity.js';
import type { Campaign } from './campaign.js';
import { campaignKey } from './campaign.js';
import type { Period } from './period.js';
import type { SourcingConfig } from './sourcing-config.js';
import { NO_VALUE } from './touch.js';

const DAY_MS = 86_400_000;

/** A date-only end (midnight) means the whole of that day: campaigns end on a day, inclusive. */
function endOf(c: Campaign): number | null {
  if (c.endedAt === null) return null;
  const end = Date.parse(c.endedAt);
  return c.endedAt.endsWith('T00:00:00.000Z') ? end + DAY_MS : end;
}

/**
 * The part of a campaign's cost that falls in the period: spread evenly over its days (start to
 * end, the end day included); a campaign with only a start date spends all on that day; one
 * without dates counts only when the period is unbounded. Minor units, rounded to the unit.
 */
export function costInPeriod(c: Campaign, period: Period): number {
  const cost = c.costMinor ?? 0;
  if (cost === 0) return 0;
  const unbounded = period.fromIso === null && period.toIsoExclusive === null;
  if (c.startedAt === null) return unbounded ? cost : 0;
  const start = Date.parse(c.startedAt);
  const end = Math.max(endOf(c) ?? start, start);
  const from = period.fromIso !== null ? Date.parse(period.fromIso) : -Infinity;
  const to = period.toIsoExclusive !== null ? Date.parse(period.toIsoExclusive) : Infinity;
  if (end === start) return start >= from && start < to ? cost : 0;
  const overlap = Math.max(0, Math.min(end, to) - Math.max(start, from));
  return Math.round((cost * overlap) / (end - start));
}

/** Whether a campaign ran during the period (an undated one: only in an unbounded period). */
export function campaignInPeriod(c: Campaign, period: Period): boolean {
  if (c.startedAt === null) return period.fromIso === null && period.toIsoExclusive === null;
  const start = Date.parse(c.startedAt);
  const end = Math.max(endOf(c) ?? start, start);
  const from = period.fromIso === null ? -Infinity : Date.parse(period.fromIso);
  const to = period.toIsoExclusive === null ? Infinity : Date.parse(period.toIsoExclusive);
  return start < to && (end === start ? start >= from : end > from);
}

/** Campaign costs in the period and currency, summed per report key (the campaign's name, channel or team). */
export function costByKey(
  campaigns: readonly Campaign[],
  by: AttributionKey,
  period: Period,
  currency: string,
  fallbackCurrency: string,
  config: SourcingConfig,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of campaigns) {
    if (c.costMinor === null || (c.currency ?? fallbackCurrency) !== currency || !campaignInPeriod(c, period)) continue;
    const key =
      by === 'campaign'
        ? campaignKey(c)
        : by === 'channel'
          ? (c.channel ?? NO_VALUE)
          : (c.team ?? (Object.hasOwn(config.touches.teams.systems, c.source) ? config.touches.teams.systems[c.source] : undefined) ?? config.touches.teams.default);
    out.set(key, (out.get(key) ?? 0) + costInPeriod(c, period));
  }
  return out;
}
