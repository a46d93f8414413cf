import { teamOfOriginalSource } from './classify-touch.js';
import type { OpportunityJourney } from './opportunity-journey.js';
import { opportunityCreatedAt } from './opportunity-journey.js';
import type { SourcingConfig, SourcedRule } from './sourcing-config.js';
import { NO_VALUE } from './touch.js';
import type { CreditTeam, Touch } from './touch.js';

/** Who sourced an opportunity, and by what. */
export interface Sourcing {
  readonly team: CreditTeam;
  /** The sourcing touch, when the first-touch rule decided. */
  readonly touch: Touch | null;
  readonly channel: string;
  readonly campaign: string;
  readonly rule: SourcedRule | 'otherwise';
}

/**
 * The documented sourcing rule. The funnel model lists rules in order (default: first-touch,
 * then original-source); the first that finds a team decides, else `otherwise`.
 *   first-touch: the team of the person's first touch at or before the opportunity was created.
 *   original-source: the team the person's original source maps to (`originalSource`).
 */
export function sourcedBy(journey: OpportunityJourney, config: SourcingConfig): Sourcing {
  const bound = opportunityCreatedAt(journey.opportunity) ?? journey.creditUntil;
  const source = journey.originalSource;
  for (const rule of config.sourced) {
    switch (rule) {
      case 'first-touch': {
        const first = journey.touches[0];
        if (first && first.at <= bound) {
          return { team: first.team, touch: first, channel: first.channel, campaign: first.campaign ?? NO_VALUE, rule };
        }
        break;
      }
      case 'original-source': {
        const team = teamOfOriginalSource(source, config);
        if (team) return { team, touch: null, channel: source ?? NO_VALUE, campaign: NO_VALUE, rule };
        break;
      }
      default: {
        const never: never = rule;
        throw new Error(`unknown sourcing rule ${String(never)}`);
      }
    }
  }
  return { team: config.otherwise, touch: null, channel: source ?? NO_VALUE, campaign: NO_VALUE, rule: 'otherwise' };
}
