import { describe, expect, it } from 'vitest';
import type { Campaign } from './campaign.js';
import { campaignIndex } from './campaign.js';
import { classifyTouch, teamOfOriginalSource } from './classify-touch.js';
import type { Activity } from './entities.js';
import { DEFAULT_SOURCING } from './sourcing-config.js';
import type { SourcingConfig } from './sourcing-config.js';

const activity = (over: Partial<Activity>): Activity => ({
  id: 'a1', personId: 'p1', source: 'hubspot', externalId: 'x1', type: 'email_click', occurredAt: '2024-01-01T00:00:00.000Z',
  actor: null, stage: null, properties: {}, ...over,
});
const campaign = (over: Partial<Campaign>): Campaign => ({
  id: 'c', source: 'salesforce', externalId: '701A', name: 'Partner summit', channel: 'event', team: 'partner',
  costMinor: null, currency: null, startedAt: null, endedAt: null, attributes: {}, ...over,
});
const none = campaignIndex([]);

describe('classifyTouch', () => {
  it.each<[string, Partial<Activity>, { channel: string; campaign: string | null; team: string }]>([
    ['a marketing system click: channel from its type, team from its system', {}, { channel: 'email', campaign: null, team: 'marketing' }],
    ['its own channel wins over the type default', { properties: { channel: 'paid search' } }, { channel: 'paid search', campaign: null, team: 'marketing' }],
    ['a meeting is a sales touch by rule, whatever system logged it', { type: 'meeting' }, { channel: 'meeting', campaign: null, team: 'sales' }],
    ['a partner channel is a partner touch by rule', { properties: { channel: 'partner' } }, { channel: 'partner', campaign: null, team: 'partner' }],
    ['a CRM form fill is a sales touch by its system', { type: 'form_fill', source: 'salesforce' }, { channel: 'web', campaign: null, team: 'sales' }],
    ['an unknown system falls to the default team', { type: 'form_fill', source: 'my-forms' }, { channel: 'web', campaign: null, team: 'other' }],
    ['Arabic campaign names are kept as they are', { properties: { campaign: 'حملة الربيع' } }, { channel: 'email', campaign: 'حملة الربيع', team: 'marketing' }],
  ])('%s', (_, over, expected) => {
    const t = classifyTouch(activity(over), none, DEFAULT_SOURCING);
    expect({ channel: t.channel, campaign: t.campaign, team: t.team }).toEqual(expected);
  });

  it('an imported campaign, found by id or by name, gives its name, channel and team', () => {
    const index = campaignIndex([campaign({})]);
    for (const value of ['701A', 'Partner summit']) {
      const t = classifyTouch(activity({ type: 'campaign_member', properties: { campaign: value } }), index, DEFAULT_SOURCING);
      expect({ channel: t.channel, campaign: t.campaign, team: t.team }).toEqual({ channel: 'event', campaign: 'Partner summit', team: 'partner' });
    }
  });

  it('rules come before the campaign team; a rule can name a campaign or a system', () => {
    const config: SourcingConfig = {
      ...DEFAULT_SOURCING,
      touches: { ...DEFAULT_SOURCING.touches, teams: { ...DEFAULT_SOURCING.touches.teams, rules: [{ campaign: ['Partner summit'], system: ['hubspot'], team: 'marketing' }] } },
    };
    const index = campaignIndex([campaign({})]);
    const fromHubspot = classifyTouch(activity({ properties: { campaign: '701A' } }), index, config);
    const fromCrm = classifyTouch(activity({ source: 'salesforce', properties: { campaign: '701A' } }), index, config);
    expect([fromHubspot.team, fromCrm.team]).toEqual(['marketing', 'partner']);
  });

  it('identity: same type and campaign (or url) is the same touch; a different campaign is not', () => {
    const a = classifyTouch(activity({ properties: { campaign: 'A' } }), none, DEFAULT_SOURCING);
    const b = classifyTouch(activity({ id: 'a2', source: 'salesforce', properties: { campaign: 'A' } }), none, DEFAULT_SOURCING);
    const c = classifyTouch(activity({ id: 'a3', properties: { campaign: 'B' } }), none, DEFAULT_SOURCING);
    expect(a.identity).toBe(b.identity);
    expect(a.identity).not.toBe(c.identity);
  });
});

describe('teamOfOriginalSource', () => {
  it.each([
    ['Paid Search', 'marketing'],
    ['paid_search', 'marketing'],
    ['Organic search', 'marketing'],
    ['Offline Sources', 'sales'],
    ['Partner Referral', 'partner'],
    ['partner-referral', 'partner'],
    ['something else', null],
    ['', null],
    [null, null],
  ])('%s → %s', (source, team) => {
    expect(teamOfOriginalSource(source, DEFAULT_SOURCING)).toBe(team);
  });
});
