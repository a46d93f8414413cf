import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../src/domain/activity-type.js';
import { ATTRIBUTION_KEYS } from '../src/domain/attribute-opportunity.js';
import type { Campaign } from '../src/domain/campaign.js';
import { campaignIndex } from '../src/domain/campaign.js';
import { classifyTouch } from '../src/domain/classify-touch.js';
import type { Activity } from '../src/domain/entities.js';
import { DEFAULT_SOURCING } from '../src/domain/sourcing-config.js';
import type { SourcingConfig } from '../src/domain/sourcing-config.js';
import { stageTouchCounts } from '../src/domain/stage-influence.js';
import type { StageMove } from '../src/domain/stage-influence.js';
import { MAIN_STAGES } from '../src/domain/stage.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';
import { seededRandom } from './seeded-random.js';

const rnd = seededRandom(20_240_701);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const T0 = Date.parse('2024-01-01T00:00:00.000Z');
const time = (): string => new Date(T0 + Math.floor(rnd() * 300 * 86_400_000)).toISOString();

// Campaign values shared by several campaigns use lower-case ASCII only, so min() orders them the
// same under any database collation as in JavaScript.
const campaigns: Campaign[] = [
  { id: 'c1', source: 'hubspot', externalId: 'C-1', name: 'Spring webinar', channel: 'webinar', team: 'marketing', costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {} },
  { id: 'c2', source: 'salesforce', externalId: 'C-1', name: 'alpha', channel: 'event', team: null, costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {} },
  { id: 'c3', source: 'hubspot', externalId: 'C-3', name: 'حملة الربيع', channel: null, team: 'partner', costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {} },
  { id: 'c4', source: 'hubspot', externalId: 'C-4', name: 'beta', channel: 'email', team: null, costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {} },
  { id: 'c5', source: 'partner-portal', externalId: 'C-5', name: 'beta', channel: 'display', team: 'sales', costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {} },
  // Named like another campaign's id: a value matching both resolves by the id first.
  { id: 'c6', source: 'hubspot', externalId: 'C-6', name: 'C-1', channel: 'radio', team: 'sales', costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {} },
];

const config: SourcingConfig = {
  ...DEFAULT_SOURCING,
  touches: {
    ...DEFAULT_SOURCING.touches,
    channels: { ...DEFAULT_SOURCING.touches.channels, email_click: 'email' },
    teams: {
      rules: [
        { system: ['partner-portal'], type: ['form_fill', 'event_attended'], team: 'partner' },
        { channel: ['partner'], team: 'partner' },
        { campaign: ['Spring webinar'], system: ['salesforce'], team: 'sales' },
        { type: ['meeting', 'call_connect'], team: 'sales' },
      ],
      systems: { hubspot: 'marketing', salesforce: 'sales' },
      default: 'other',
    },
  },
};

const persons = Array.from({ length: 60 }, (_, i) => `p${String(i).padStart(3, '0')}`);
const activities: Activity[] = Array.from({ length: 700 }, (_, i) => {
  const properties: Record<string, string> = {};
  const campaign = pick(['C-1', 'C-3', 'beta', 'Spring webinar', 'حملة الربيع', 'unknown campaign', '', null, null]);
  const channel = pick(['partner', 'email', 'paid search', '', null, null, null]);
  if (campaign !== null) properties.campaign = campaign;
  if (channel !== null) properties.channel = channel;
  return {
    id: `a${i}`,
    personId: pick(persons),
    source: pick(['hubspot', 'salesforce', 'partner-portal', 'constructor']),
    externalId: `x${i}`,
    type: pick(ACTIVITY_TYPES),
    occurredAt: time(),
    actor: null,
    stage: null,
    properties,
  };
});
const moves: StageMove[] = persons.flatMap((personId) =>
  MAIN_STAGES.flatMap((stage) => (rnd() < 0.6 ? [{ personId, stage, at: time() }] : [])),
);

describe.each(DIALECTS)('stage touches in SQL agree with the TypeScript classifier (%s)', (dialect) => {
  let db: TestDatabase;
  let store: OpenedStore;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    store = await openStore(db.location);
    const now = '2025-01-01T00:00:00.000Z';
    await store.db.insertInto('persons').values(persons.map((id) => ({ id, updated_at: now, attributes: '{}', do_not_call: 0, do_not_email: 0 }))).execute();
    await store.db
      .insertInto('activities')
      .values(activities.map((a) => ({ id: a.id, person_id: a.personId, source: a.source, external_id: a.externalId, type: a.type, occurred_at: a.occurredAt, actor: null, stage: null, properties: JSON.stringify(a.properties) })))
      .execute();
    await store.db
      .insertInto('campaigns')
      .values(campaigns.map((c) => ({ id: c.id, source: c.source, external_id: c.externalId, name: c.name, channel: c.channel, team: c.team, cost_minor: null, currency: null, started_at: null, ended_at: null, attributes: '{}' })))
      .execute();
    await store.db
      .insertInto('journeys')
      .values(
        persons.map((personId) => {
          const row: Record<string, unknown> = { model_version: 'v1', person_id: personId, entered_at: null, current_stage: null, current_since: null };
          for (const s of MAIN_STAGES) {
            const m = moves.find((x) => x.personId === personId && x.stage === s);
            row[`reached_${s}`] = m ? 1 : 0;
            row[`at_${s}`] = m?.at ?? null;
            row[`days_${s}`] = null;
          }
          return row as never;
        }),
      )
      .execute();
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  const touches = () => {
    const index = campaignIndex(campaigns);
    const types = new Set<string>(config.touches.types);
    return activities.filter((a) => types.has(a.type)).map((a) => classifyTouch(a, index, config));
  };

  it.each(ATTRIBUTION_KEYS.flatMap((by) => [[by, null], [by, 30]] as const))('by %s, window %s days', async (by, windowDays) => {
    const period = { fromIso: '2024-02-01T00:00:00.000Z', toIsoExclusive: '2024-09-01T00:00:00.000Z' };
    const sqlCounts = await store.attribution.stageTouches({ ...period, modelVersion: 'v1', stages: MAIN_STAGES, windowDays, by, config });
    const oracle = stageTouchCounts(moves, touches(), MAIN_STAGES, by, windowDays, period);
    expect(sqlCounts).toEqual(oracle);
    // The data exercises the rules: several keys per stage, not one catch-all.
    expect(Math.max(...oracle.map((s) => s.touched.length))).toBeGreaterThan(2);
  });
});
