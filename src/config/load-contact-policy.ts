import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CadenceStep, ChannelRule, ContactPolicy, PolicyChannel } from '../domain/contact-policy.js';
import { POLICY_CHANNELS } from '../domain/contact-policy.js';
import { CLOCK_HOURS } from '../domain/work-calendar.js';
import { businessCalendar } from './business-calendar.js';
import { contactPolicySchema } from './contact-policy-schema.js';
import { readTextFile } from './load-funnel-model.js';
import { parseValidatedYaml } from './validated-yaml.js';

/** The bundled contact policy, in force until another one is adopted. */
export const DEFAULT_CONTACT_POLICY_PATH = fileURLToPath(new URL('../../models/contact-policy.default.yaml', import.meta.url));

/** When no cadence is written: each channel's attempts spread evenly over the minimum span, the first on day 0. */
function defaultCadence(channels: readonly ChannelRule[], spanDays: number): CadenceStep[] {
  const steps: CadenceStep[] = [];
  for (const rule of channels) {
    for (let i = 0; i < rule.attempts; i++) {
      const day = rule.attempts === 1 ? 0 : Math.round((i * spanDays) / (rule.attempts - 1));
      steps.push({ day, channel: rule.channel });
    }
  }
  return steps;
}

/** Validates a contact policy's YAML text; the version is `id@` the hash of its content. */
export function parseContactPolicy(text: string, file: string): ContactPolicy {
  const p = parseValidatedYaml(text, contactPolicySchema, file);
  const version = `${p.id}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  const channels: ChannelRule[] = POLICY_CHANNELS.filter((c) => p.channels[c]).map((c: PolicyChannel) => ({
    channel: c,
    attempts: p.channels[c]!.attempts,
    count: p.channels[c]!.count,
    connected: p.channels[c]!.connected,
    sources: p.channels[c]!.sources ?? null,
  }));
  const spanDays = 'days' in p.minimumSpan ? p.minimumSpan.days : p.minimumSpan.weeks * 7;
  const cadence = (p.cadence ?? defaultCadence(channels, spanDays)).map((s, i) => ({ ...s, i }));
  // Stable by day: the k-th step of a channel is its k-th attempt.
  cadence.sort((a, b) => a.day - b.day || a.i - b.i);
  const within = p.firstTouch.within;
  return Object.freeze({
    id: p.id,
    version,
    startStage: p.startStage,
    firstTouchHours: 'hours' in within ? within.hours : within.days * 24,
    calendar: p.firstTouch.businessHours ? businessCalendar(p.firstTouch.businessHours, file) : CLOCK_HOURS,
    minimumSpanDays: spanDays,
    channels,
    connected: p.connected,
    cadence: cadence.map(({ day, channel }) => ({ day, channel })),
    exhaustedStage: p.exhausted,
    automatedAttempts: p.automatedAttempts,
  });
}

export function loadContactPolicy(file: string = DEFAULT_CONTACT_POLICY_PATH): ContactPolicy {
  return parseContactPolicy(readTextFile(file), file);
}
