import { describe, expect, it } from 'vitest';
import { attributeOpportunity } from './attribute-opportunity.js';
import { ATTRIBUTION_MODELS } from './attribution-model.js';
import type { AttributionModel } from './attribution-model.js';
import type { OpportunityJourney } from './opportunity-journey.js';
import { DEFAULT_SOURCING } from './sourcing-config.js';
import { NO_TOUCH } from './touch.js';
import type { Touch } from './touch.js';

function touch(id: string, at: string, over: Partial<Touch> = {}): Touch {
  return { id, personId: 'p1', type: 'email_click', system: 'hubspot', at, channel: 'email', campaign: null, team: 'marketing', identity: id, ...over };
}

// Five touches a week apart; the lead is created at the second, the deal at the fourth, closed after the fifth.
const touches = [
  touch('t1', '2024-01-01T00:00:00.000Z', { type: 'form_fill', channel: 'web', campaign: 'Webinar' }),
  touch('t2', '2024-01-08T00:00:00.000Z'),
  touch('t3', '2024-01-15T00:00:00.000Z', { type: 'event_attended', channel: 'event' }),
  touch('t4', '2024-01-22T00:00:00.000Z', { type: 'meeting', channel: 'meeting', team: 'sales', system: 'salesforce' }),
  touch('t5', '2024-01-29T00:00:00.000Z', { type: 'call_connect', channel: 'phone', team: 'sales', system: 'salesforce' }),
];
const journey: OpportunityJourney = {
  opportunity: { id: 'o1', amountMinor: 3_100_000, currency: 'USD', status: 'won', createdAt: '2024-01-22T00:00:00.000Z', closedAt: '2024-02-05T00:00:00.000Z' },
  touches,
  creditUntil: '2024-02-05T00:00:00.000Z',
  leadCreatedAt: '2024-01-08T00:00:00.000Z',
  originalSource: 'Paid Search',
};

const amounts = (model: AttributionModel, j: OpportunityJourney = journey): number[] =>
  attributeOpportunity(model, j, DEFAULT_SOURCING).map((c) => c.amountMinor);

describe('attribution models, checked against hand-computed credit ($31,000 over five touches)', () => {
  it.each<[AttributionModel, number[]]>([
    ['first-touch', [3_100_000, 0, 0, 0, 0]],
    ['last-touch', [0, 0, 0, 0, 3_100_000]],
    ['linear', [620_000, 620_000, 620_000, 620_000, 620_000]],
    // Half-life 7 days, touches 7 days apart: weights 1/16, 1/8, 1/4, 1/2, 1 → 1/31 … 16/31.
    ['time-decay', [100_000, 200_000, 400_000, 800_000, 1_600_000]],
    // FT 40%, LC 40%, 20% over three middle touches: 206,666.67 each, the two leftover cents to the earlier ones.
    ['u-shaped', [1_240_000, 1_240_000, 206_667, 206_667, 206_666]],
    // FT t1, LC t2, OC t4 30% each; t3 and t5 share 10%.
    ['w-shaped', [930_000, 930_000, 155_000, 930_000, 155_000]],
    // FT, LC, OC, closing touch 22.5% each; t3 10%.
    ['full-path', [697_500, 697_500, 310_000, 697_500, 697_500]],
  ])('%s', (model, expected) => {
    expect(amounts(model)).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(3_100_000);
  });

  it('sourced: the whole deal to the first touch before the deal was created', () => {
    const [c, ...rest] = attributeOpportunity('sourced', journey, DEFAULT_SOURCING);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ touchId: 't1', amountMinor: 3_100_000, share: 1, keys: { team: 'marketing', channel: 'web', campaign: 'Webinar' } });
  });

  it('a single touch gets everything under every model', () => {
    const single = { ...journey, touches: [touches[2]!] };
    for (const model of ATTRIBUTION_MODELS) expect(amounts(model, single), model).toEqual([3_100_000]);
  });

  it('u-shaped: when the lead was created before any touch, first touch and lead creation are one touch (80%)', () => {
    const j = { ...journey, touches: touches.slice(1, 3), leadCreatedAt: '2023-12-01T00:00:00.000Z' };
    expect(amounts('u-shaped', j)).toEqual([2_480_000, 620_000]);
  });

  it('w-shaped with only its three anchors splits evenly (no middle touches to take the 10%)', () => {
    const j = { ...journey, touches: [touches[0]!, touches[1]!, touches[3]!] };
    expect(amounts('w-shaped', j)).toEqual([1_033_334, 1_033_333, 1_033_333]);
  });

  it('time-decay follows the half-life it is given', () => {
    const j = { ...journey, touches: [touches[3]!, touches[4]!] };
    expect(attributeOpportunity('time-decay', j, { ...DEFAULT_SOURCING, halfLifeDays: 7 }).map((c) => c.amountMinor)).toEqual([1_033_333, 2_066_667]);
    expect(attributeOpportunity('time-decay', j, { ...DEFAULT_SOURCING, halfLifeDays: 3.5 }).map((c) => c.amountMinor)).toEqual([620_000, 2_480_000]);
  });

  it('an opportunity without touches is credited to "(no touch)" so totals still add up', () => {
    for (const model of ATTRIBUTION_MODELS.filter((m) => m !== 'sourced')) {
      const credits = attributeOpportunity(model, { ...journey, touches: [] }, DEFAULT_SOURCING);
      expect(credits).toEqual([{ opportunityId: 'o1', touchId: null, keys: { team: NO_TOUCH, channel: NO_TOUCH, campaign: NO_TOUCH }, amountMinor: 3_100_000, share: 1 }]);
    }
  });

  it('shares of the deal sum to 1', () => {
    for (const model of ATTRIBUTION_MODELS) {
      const sum = attributeOpportunity(model, journey, DEFAULT_SOURCING).reduce((a, c) => a + c.share, 0);
      expect(sum, model).toBeCloseTo(1, 12);
    }
  });
});
