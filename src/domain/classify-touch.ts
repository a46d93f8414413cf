import type { Activity } from './entities.js';
import type { CampaignIndex } from './campaign.js';
import type { SourcingConfig, TeamRule } from './sourcing-config.js';
import { sourceKey } from './sourcing-config.js';
import { NO_VALUE } from './touch.js';
import type { CreditTeam, Touch } from './touch.js';

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value);
  return s === '' ? null : s;
}

function ruleMatches(rule: TeamRule, t: { system: string; type: string; channel: string; campaign: string | null }): boolean {
  if (rule.system && !rule.system.includes(t.system)) return false;
  if (rule.type && !(rule.type as readonly string[]).includes(t.type)) return false;
  if (rule.channel && !rule.channel.includes(t.channel)) return false;
  if (rule.campaign && (t.campaign === null || !rule.campaign.includes(t.campaign))) return false;
  return true;
}

/**
 * Turns a credit-carrying activity into a touch. Channel: the activity's own, else its campaign's,
 * else the default for its type. Team: the first matching rule, else the campaign's team, else the
 * source system's team, else the default. (store/queries/touch-key-sql.ts compiles the same rules
 * to SQL; a test checks both agree.)
 */
export function classifyTouch(activity: Activity, campaigns: CampaignIndex, config: SourcingConfig): Touch {
  const p = activity.properties;
  const raw = text(p.campaign);
  const byId = raw === null ? undefined : campaigns.byId.get(raw);
  const byName = raw === null ? undefined : campaigns.byName.get(raw);
  const campaign = raw === null ? null : (byId?.name ?? raw);
  const channels = config.touches.channels;
  const byType = Object.hasOwn(channels, activity.type) ? channels[activity.type] : undefined;
  const channel = text(p.channel) ?? byId?.channel ?? byName?.channel ?? byType ?? NO_VALUE;
  const facts = { system: activity.source, type: activity.type, channel, campaign };
  const rule = config.touches.teams.rules.find((r) => ruleMatches(r, facts));
  const systems = config.touches.teams.systems;
  const bySystem = Object.hasOwn(systems, activity.source) ? systems[activity.source] : undefined;
  const team: CreditTeam = rule?.team ?? byId?.team ?? byName?.team ?? bySystem ?? config.touches.teams.default;
  const what = raw ?? text(p.url) ?? text(p.contentId) ?? text(p.subject) ?? '';
  return {
    id: activity.id,
    personId: activity.personId,
    type: activity.type,
    system: activity.source,
    at: activity.occurredAt,
    channel,
    campaign,
    team,
    identity: `${activity.type}\u0000${what}`,
  };
}

/** The team a person's original source (e.g. "Paid Search", "partner_referral") maps to, if any. */
export function teamOfOriginalSource(source: string | null, config: SourcingConfig): CreditTeam | null {
  if (source === null || source.trim() === '') return null;
  const key = sourceKey(source);
  for (const [team, values] of Object.entries(config.originalSource) as [CreditTeam, readonly string[]][]) {
    if (values.some((v) => sourceKey(v) === key)) return team;
  }
  return null;
}
