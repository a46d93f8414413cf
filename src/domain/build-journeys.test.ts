import { describe, expect, it } from 'vitest';
import { attributeOpportunity } from './attribute-opportunity.js';
import { buildJourneys } from './build-journeys.js';
import type { AttributionData, OpportunityLink } from './build-journeys.js';
import type { Activity } from './entities.js';
import { DEFAULT_SOURCING } from './sourcing-config.js';

let seq = 0;
function activity(personId: string, type: Activity['type'], occurredAt: string, over: Partial<Activity> = {}): Activity {
  seq++;
  return { id: `a${seq}`, personId, source: 'hubspot', externalId: `x${seq}`, type, occurredAt, actor: null, stage: null, properties: {}, ...over };
}
const deal = (over: Partial<OpportunityLink>): OpportunityLink => ({
  id: 'o1', personId: 'p1', accountId: null, amountMinor: 1_000_000, currency: 'USD', status: 'won',
  createdAt: '2024-03-01T00:00:00.000Z', closedAt: '2024-04-01T00:00:00.000Z', ...over,
});
const credited = (data: AttributionData, model: Parameters<typeof attributeOpportunity>[0] = 'linear') => {
  const [j] = buildJourneys(data, DEFAULT_SOURCING, '2025-01-01T00:00:00.000Z');
  return attributeOpportunity(model, j!, DEFAULT_SOURCING).map((c) => ({ touch: c.touchId, amount: c.amountMinor }));
};

describe('which touches may carry credit', () => {
  it('touches after the close carry no credit', () => {
    const before = activity('p1', 'form_fill', '2024-02-01T00:00:00.000Z');
    const atClose = activity('p1', 'meeting', '2024-04-01T00:00:00.000Z', { source: 'salesforce' });
    const after = activity('p1', 'email_click', '2024-04-02T00:00:00.000Z');
    const data: AttributionData = {
      opportunities: [deal({})],
      persons: [{ id: 'p1', accountId: null, createdAt: '2024-02-01T00:00:00.000Z', source: null }],
      activities: [before, atClose, after],
      campaigns: [],
    };
    expect(credited(data)).toEqual([{ touch: before.id, amount: 500_000 }, { touch: atClose.id, amount: 500_000 }]);
    expect(credited(data, 'last-touch')).toEqual([{ touch: before.id, amount: 0 }, { touch: atClose.id, amount: 1_000_000 }]);
  });

  it('an open deal counts touches up to the time the report is made', () => {
    const a = activity('p1', 'form_fill', '2024-02-01T00:00:00.000Z');
    const later = activity('p1', 'email_click', '2026-01-01T00:00:00.000Z');
    const data: AttributionData = {
      opportunities: [deal({ status: 'open', closedAt: null })],
      persons: [{ id: 'p1', accountId: null, createdAt: null, source: null }],
      activities: [a, later],
      campaigns: [],
    };
    expect(credited(data)).toEqual([{ touch: a.id, amount: 1_000_000 }]);
  });

  it("a deal without a person credits through its account's people, never people of other accounts", () => {
    const mine1 = activity('pa1', 'form_fill', '2024-01-01T00:00:00.000Z');
    const mine2 = activity('pa2', 'event_attended', '2024-02-01T00:00:00.000Z');
    const other = activity('pb1', 'form_fill', '2024-01-15T00:00:00.000Z');
    const data: AttributionData = {
      opportunities: [deal({ personId: null, accountId: 'acc_a' })],
      persons: [
        { id: 'pa1', accountId: 'acc_a', createdAt: null, source: null },
        { id: 'pa2', accountId: 'acc_a', createdAt: null, source: null },
        { id: 'pb1', accountId: 'acc_b', createdAt: null, source: null },
      ],
      activities: [mine1, mine2, other],
      campaigns: [],
    };
    expect(credited(data)).toEqual([{ touch: mine1.id, amount: 500_000 }, { touch: mine2.id, amount: 500_000 }]);
  });

  it('a deal with a person credits only that person, not colleagues at the same account', () => {
    const own = activity('pa1', 'form_fill', '2024-01-01T00:00:00.000Z');
    const colleague = activity('pa2', 'form_fill', '2024-01-02T00:00:00.000Z');
    const data: AttributionData = {
      opportunities: [deal({ personId: 'pa1', accountId: 'acc_a' })],
      persons: [
        { id: 'pa1', accountId: 'acc_a', createdAt: null, source: null },
        { id: 'pa2', accountId: 'acc_a', createdAt: null, source: null },
      ],
      activities: [own, colleague],
      campaigns: [],
    };
    expect(credited(data)).toEqual([{ touch: own.id, amount: 1_000_000 }]);
  });

  it('the same touch recorded by both systems (duplicate activities) counts once', () => {
    const click = activity('p1', 'email_click', '2024-02-01T10:00:00.000Z', { properties: { campaign: 'Spring launch' } });
    const sameClickInCrm = activity('p1', 'email_click', '2024-02-01T10:02:00.000Z', { source: 'salesforce', properties: { campaign: 'Spring launch' } });
    const meeting = activity('p1', 'meeting', '2024-02-20T10:00:00.000Z', { source: 'salesforce' });
    const data: AttributionData = {
      opportunities: [deal({})],
      persons: [{ id: 'p1', accountId: null, createdAt: null, source: null }],
      activities: [click, sameClickInCrm, meeting],
      campaigns: [],
    };
    expect(credited(data)).toEqual([{ touch: click.id, amount: 500_000 }, { touch: meeting.id, amount: 500_000 }]);
  });

  it('two clicks on different campaigns, or on one campaign far apart, are two touches', () => {
    const a = activity('p1', 'email_click', '2024-02-01T10:00:00.000Z', { properties: { campaign: 'A' } });
    const b = activity('p1', 'email_click', '2024-02-01T10:01:00.000Z', { properties: { campaign: 'B' } });
    const a2 = activity('p1', 'email_click', '2024-02-03T10:00:00.000Z', { properties: { campaign: 'A' } });
    const data: AttributionData = {
      opportunities: [deal({})],
      persons: [{ id: 'p1', accountId: null, createdAt: null, source: null }],
      activities: [a, b, a2],
      campaigns: [],
    };
    expect(credited(data).map((c) => c.touch)).toEqual([a.id, b.id, a2.id]);
  });

  it('activities that are not touches (page views, opens, sends) carry no credit', () => {
    const view = activity('p1', 'page_view', '2024-02-01T00:00:00.000Z');
    const open = activity('p1', 'email_open', '2024-02-02T00:00:00.000Z');
    const fill = activity('p1', 'form_fill', '2024-02-03T00:00:00.000Z');
    const data: AttributionData = {
      opportunities: [deal({})],
      persons: [{ id: 'p1', accountId: null, createdAt: null, source: null }],
      activities: [view, open, fill],
      campaigns: [],
    };
    expect(credited(data)).toEqual([{ touch: fill.id, amount: 1_000_000 }]);
  });
});
