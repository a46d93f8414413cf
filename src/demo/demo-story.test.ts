import { describe, expect, it } from 'vitest';
import { DEMO_STORY, expectedCohort } from './demo-story.js';

describe('DEMO_STORY', () => {
  it('states sourced revenue as the sums of its won deals', () => {
    for (const [half, quarters] of [['H1', ['2024-Q1', '2024-Q2']], ['H2', ['2024-Q3', '2024-Q4']]] as const) {
      const deals = DEMO_STORY.wonDeals.filter((w) => (quarters as readonly string[]).includes(w.quarter));
      const by = (s: 'marketing' | 'sales') => deals.filter((w) => w.sourced === s).reduce((n, w) => n + w.amount, 0);
      expect(DEMO_STORY.sourced[half]).toEqual({ total: by('marketing') + by('sales'), marketing: by('marketing'), sales: by('sales') });
    }
    expect(DEMO_STORY.sourced.H1.marketing / DEMO_STORY.sourced.H1.total).toBe(0.7);
  });

  it('has quotas that nest (each stage at most the one before) and the story’s ratios', () => {
    for (const q of DEMO_STORY.quarters) {
      expect(q.mql).toBeLessThanOrEqual(q.inquiries);
      expect(q.sal + q.rejected + q.mqlWaitingRecent).toBeLessThanOrEqual(q.mql);
      expect(q.sql + q.nurtured + q.unreachable).toBeLessThanOrEqual(q.sal);
      expect(q.opportunity + q.sqlClosed).toBeLessThanOrEqual(q.sql);
      expect(q.won + q.lost).toBeLessThanOrEqual(q.opportunity);
      expect(DEMO_STORY.wonDeals.filter((w) => w.quarter === q.id)).toHaveLength(q.won);
    }
    const q2 = expectedCohort(['2024-Q2']);
    const q4 = expectedCohort(['2024-Q4']);
    expect(q4.inquiry / q2.inquiry).toBe(0.1);
    expect(q4.wonDeals).toBe(3 * q2.wonDeals);
    expect(expectedCohort(['2024-Q1', '2024-Q2']).wonAmount).toBe(1_000_000);
  });
});
