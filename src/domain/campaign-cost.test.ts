import { describe, expect, it } from 'vitest';
import type { Campaign } from './campaign.js';
import { costByKey, costInPeriod } from './campaign-cost.js';
import { DEFAULT_SOURCING } from './sourcing-config.js';

const c = (over: Partial<Campaign>): Campaign => ({
  id: 'c', source: 'hubspot', externalId: 'c1', name: 'Spring', channel: 'email', team: null, costMinor: 3_000_000, currency: 'USD',
  startedAt: '2024-06-01T00:00:00.000Z', endedAt: '2024-07-31T00:00:00.000Z', attributes: {}, ...over,
});
const all = { fromIso: null, toIsoExclusive: null };
const h1 = { fromIso: '2024-01-01T00:00:00.000Z', toIsoExclusive: '2024-07-01T00:00:00.000Z' };
const h2 = { fromIso: '2024-07-01T00:00:00.000Z', toIsoExclusive: '2025-01-01T00:00:00.000Z' };

describe('campaign cost in a period', () => {
  it('is spread over the campaign days, so the halves add up to the whole', () => {
    // 1 June → 31 July (inclusive) is 61 days; 30 of them fall in H1.
    expect(costInPeriod(c({}), h1)).toBe(1_475_410);
    expect(costInPeriod(c({}), h2)).toBe(1_524_590);
    expect(costInPeriod(c({}), all)).toBe(3_000_000);
  });

  it('a one-day campaign spends on its day; one without dates only in an unbounded period', () => {
    expect(costInPeriod(c({ endedAt: null }), h1)).toBe(3_000_000);
    expect(costInPeriod(c({ endedAt: null }), h2)).toBe(0);
    expect(costInPeriod(c({ startedAt: null, endedAt: null }), h1)).toBe(0);
    expect(costInPeriod(c({ startedAt: null, endedAt: null }), all)).toBe(3_000_000);
  });

  it('a campaign that did not run in the period has no cost row there; a free one that did has a zero', () => {
    const h2Only = c({ externalId: 'c9', name: 'Autumn', startedAt: '2024-09-01T00:00:00.000Z', endedAt: '2024-10-31T00:00:00.000Z' });
    const free = c({ externalId: 'c8', name: 'Organic', costMinor: 0 });
    expect(costByKey([h2Only, free], 'campaign', h1, 'USD', 'USD', DEFAULT_SOURCING)).toEqual(new Map([['Organic', 0]]));
  });

  it('sums per campaign, channel or team, in one currency only', () => {
    const list = [c({}), c({ externalId: 'c2', name: 'Expo', channel: 'event', costMinor: 500_000, team: 'partner' }), c({ externalId: 'c3', currency: 'EUR' })];
    expect(costByKey(list, 'campaign', all, 'USD', 'USD', DEFAULT_SOURCING)).toEqual(new Map([['Spring', 3_000_000], ['Expo', 500_000]]));
    expect(costByKey(list, 'channel', all, 'USD', 'USD', DEFAULT_SOURCING)).toEqual(new Map([['email', 3_000_000], ['event', 500_000]]));
    // A campaign without a team takes its system's team (hubspot → marketing).
    expect(costByKey(list, 'team', all, 'USD', 'USD', DEFAULT_SOURCING)).toEqual(new Map([['marketing', 3_000_000], ['partner', 500_000]]));
  });
});
