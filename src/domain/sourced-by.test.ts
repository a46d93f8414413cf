import { describe, expect, it } from 'vitest';
import type { OpportunityJourney } from './opportunity-journey.js';
import { sourcedBy } from './sourced-by.js';
import { DEFAULT_SOURCING } from './sourcing-config.js';
import type { Touch } from './touch.js';

const touch = (id: string, at: string, team: Touch['team'], channel = 'web'): Touch => ({
  id, personId: 'p1', type: 'form_fill', system: 's', at, channel, campaign: null, team, identity: id,
});
const journey = (touches: Touch[], originalSource: string | null, createdAt: string | null = '2024-03-01T00:00:00.000Z'): OpportunityJourney => ({
  opportunity: { id: 'o', amountMinor: 100, currency: 'USD', status: 'won', createdAt, closedAt: '2024-06-01T00:00:00.000Z' },
  touches,
  creditUntil: '2024-06-01T00:00:00.000Z',
  leadCreatedAt: null,
  originalSource,
});

describe('sourcedBy (first touch before the opportunity, then the original source)', () => {
  it('the first touch before the deal was created decides', () => {
    const s = sourcedBy(journey([touch('t1', '2024-01-01T00:00:00.000Z', 'sales'), touch('t2', '2024-02-01T00:00:00.000Z', 'marketing')], 'Paid Search'), DEFAULT_SOURCING);
    expect(s).toMatchObject({ team: 'sales', rule: 'first-touch', touch: { id: 't1' } });
  });

  it('touches only after the deal was created do not source it: the original source does', () => {
    const s = sourcedBy(journey([touch('t1', '2024-04-01T00:00:00.000Z', 'sales')], 'Partner Referral'), DEFAULT_SOURCING);
    expect(s).toMatchObject({ team: 'partner', rule: 'original-source', channel: 'Partner Referral', touch: null });
  });

  it('nothing known: the configured otherwise', () => {
    expect(sourcedBy(journey([], 'unknown'), DEFAULT_SOURCING)).toMatchObject({ team: 'other', rule: 'otherwise' });
    expect(sourcedBy(journey([], null), { ...DEFAULT_SOURCING, otherwise: 'sales' })).toMatchObject({ team: 'sales', rule: 'otherwise' });
  });

  it('the rule order is configurable: original source first', () => {
    const j = journey([touch('t1', '2024-01-01T00:00:00.000Z', 'sales')], 'Paid Search');
    expect(sourcedBy(j, { ...DEFAULT_SOURCING, sourced: ['original-source', 'first-touch'] }).team).toBe('marketing');
    expect(sourcedBy(j, { ...DEFAULT_SOURCING, sourced: ['first-touch'] }).team).toBe('sales');
  });

  it('a deal without a creation date is bounded by its close', () => {
    const s = sourcedBy(journey([touch('t1', '2024-05-01T00:00:00.000Z', 'marketing')], null, null), DEFAULT_SOURCING);
    expect(s).toMatchObject({ team: 'marketing', rule: 'first-touch' });
  });
});
