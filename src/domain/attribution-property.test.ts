import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from './activity-type.js';
import { ATTRIBUTION_KEYS } from './attribute-opportunity.js';
import { ATTRIBUTION_MODELS } from './attribution-model.js';
import { buildJourneys } from './build-journeys.js';
import type { AttributionData } from './build-journeys.js';
import { ATTRIBUTION_BASES, creditByKey, periodRoles } from './credit-by-key.js';
import type { Activity } from './entities.js';
import { inPeriod } from './period.js';
import { DEFAULT_SOURCING } from './sourcing-config.js';

const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const YEAR = 366 * 86_400_000;
const iso = (ms: number): string => new Date(T0 + ms).toISOString();
const time = fc.integer({ min: 0, max: YEAR }).map(iso);
const maybeTime = fc.option(time, { nil: null });

const persons = ['p1', 'p2', 'p3', 'p4', 'p5'];
const accounts = ['acc1', 'acc2'];

const activity = fc.record({
  personId: fc.constantFrom(...persons),
  type: fc.constantFrom(...ACTIVITY_TYPES),
  source: fc.constantFrom('hubspot', 'salesforce', 'partner-portal'),
  occurredAt: time,
  campaign: fc.option(fc.constantFrom('Spring', 'Webinar', 'حملة الربيع'), { nil: undefined }),
  channel: fc.option(fc.constantFrom('email', 'partner', 'paid search'), { nil: undefined }),
});

const opportunity = fc.record({
  personId: fc.option(fc.constantFrom(...persons, 'p-unknown'), { nil: null }),
  accountId: fc.option(fc.constantFrom(...accounts, 'acc-empty'), { nil: null }),
  amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000_000 })),
  status: fc.constantFrom('open' as const, 'won' as const, 'lost' as const),
  createdAt: maybeTime,
  closedAt: maybeTime,
  cohortAt: maybeTime,
});

const data = fc
  .record({
    people: fc.tuple(...persons.map(() => fc.record({ accountId: fc.option(fc.constantFrom(...accounts), { nil: null }), createdAt: maybeTime, source: fc.option(fc.constantFrom('Paid Search', 'partner_referral', 'cold call', 'unknown'), { nil: null }) }))),
    activities: fc.array(activity, { maxLength: 40 }),
    opportunities: fc.array(opportunity, { minLength: 1, maxLength: 8 }),
  })
  .map(({ people, activities, opportunities }): AttributionData => ({
    persons: people.map((p, i) => ({ id: persons[i]!, ...p })),
    activities: activities.map((a, i): Activity => ({
      id: `a${i}`,
      personId: a.personId,
      source: a.source,
      externalId: `x${i}`,
      type: a.type,
      occurredAt: a.occurredAt,
      actor: null,
      stage: null,
      properties: { ...(a.campaign ? { campaign: a.campaign } : {}), ...(a.channel ? { channel: a.channel } : {}) },
    })),
    opportunities: opportunities.map((o, i) => ({ id: `o${i}`, currency: 'USD', ...o })),
    campaigns: [],
  }));

const period = fc.oneof(
  fc.constant({ fromIso: null, toIsoExclusive: null }),
  fc.tuple(fc.integer({ min: 0, max: YEAR }), fc.integer({ min: 0, max: YEAR })).map(([a, b]) => ({ fromIso: iso(Math.min(a, b)), toIsoExclusive: iso(Math.max(a, b)) })),
);

describe('attribution over random journeys (property)', () => {
  it("every model's credit sums exactly to the won amount (and pipeline) of the period, whatever the key", () => {
    fc.assert(
      fc.property(data, period, (d, p) => {
        const journeys = buildJourneys(d, DEFAULT_SOURCING, '2025-06-01T00:00:00.000Z');
        const won = d.opportunities.filter((o) => o.status === 'won' && inPeriod(o.closedAt, p));
        const wonAmount = won.reduce((n, o) => n + o.amountMinor, 0);
        const pipelineAmount = d.opportunities.filter((o) => inPeriod(o.createdAt ?? o.closedAt, p)).reduce((n, o) => n + o.amountMinor, 0);
        for (const model of ATTRIBUTION_MODELS) {
          for (const by of ATTRIBUTION_KEYS) {
            const { byKey, total } = creditByKey(journeys, model, by, p, DEFAULT_SOURCING);
            const rows = [...byKey.values()];
            expect(total.revenueMinor).toBe(wonAmount);
            expect(rows.reduce((n, r) => n + r.revenueMinor, 0)).toBe(wonAmount);
            expect(rows.reduce((n, r) => n + r.pipelineMinor, 0)).toBe(pipelineAmount);
            expect(rows.reduce((n, r) => n + r.deals, 0)).toBeCloseTo(won.length, 9);
            for (const r of rows) expect(Number.isInteger(r.revenueMinor) && Number.isInteger(r.pipelineMinor)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('under either basis, the credit of every model sums to the amounts of the deals the basis places in the period', () => {
    fc.assert(
      fc.property(data, period, fc.constantFrom(...ATTRIBUTION_BASES), (d, p, basis) => {
        const journeys = buildJourneys(d, DEFAULT_SOURCING, '2025-06-01T00:00:00.000Z');
        const expectRevenue = journeys.filter((j) => periodRoles(j, p, basis).revenue).reduce((n, j) => n + j.opportunity.amountMinor, 0);
        const expectPipeline = journeys.filter((j) => periodRoles(j, p, basis).pipeline).reduce((n, j) => n + j.opportunity.amountMinor, 0);
        for (const model of ATTRIBUTION_MODELS) {
          const rows = [...creditByKey(journeys, model, 'team', p, DEFAULT_SOURCING, basis).byKey.values()];
          expect(rows.reduce((n, r) => n + r.revenueMinor, 0)).toBe(expectRevenue);
          expect(rows.reduce((n, r) => n + r.pipelineMinor, 0)).toBe(expectPipeline);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('no credit ever goes to a touch after the close or to a person outside the deal', () => {
    fc.assert(
      fc.property(data, (d) => {
        const journeys = buildJourneys(d, DEFAULT_SOURCING, '2025-06-01T00:00:00.000Z');
        const byId = new Map(d.activities.map((a) => [a.id, a]));
        const personAccount = new Map(d.persons.map((p) => [p.id, p.accountId]));
        journeys.forEach((j, i) => {
          const o = d.opportunities[i]!;
          for (const t of j.touches) {
            const a = byId.get(t.id)!;
            if (o.status !== 'open' && o.closedAt !== null) expect(a.occurredAt <= o.closedAt).toBe(true);
            if (o.personId !== null) expect(a.personId).toBe(o.personId);
            else expect(personAccount.get(a.personId)).toBe(o.accountId);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
