import type { ActivityType } from './activity-type.js';
import type { StageId } from './stage.js';

/** One message of a program, then a wait before the next one. */
export interface NurtureStep {
  readonly id: string;
  /** Templates with `{{field}}` / `{{field | fallback}}` person fields (see template.ts). */
  readonly subject: string;
  /** Markdown. */
  readonly body: string;
  /**
   * A content catalogue piece the message sends (its title and link), resolved against the
   * adopted catalogue before sending (domain/content/nurture-content.ts); null: inline text only.
   */
  readonly content?: string | null;
  /** Days to wait after this message before the next one is due. */
  readonly waitDays: number;
}

/** What hands a person back to sales: an activity of a type, or engagement points since enrollment. */
export type ReengagementRule =
  | { readonly kind: 'activity'; readonly activity: ActivityType }
  | { readonly kind: 'score-rise'; readonly points: number };

/**
 * A nurture program: who is enrolled (people in a stage, default unreachable), the messages
 * it sends, what stops the messages (exit: unsubscribe, bounce, opt-out) and what hands the
 * person back to sales (re-engagement: reply, click, form fill, a rise in engagement).
 */
export interface NurtureProgram {
  readonly id: string;
  /** `id@hash`; hand-back transitions carry reasons `nurture:<version>:…`. */
  readonly version: string;
  readonly name: string;
  readonly enrollStage: StageId;
  readonly steps: readonly NurtureStep[];
  /** Days after enrollment before the first message (default 0). */
  readonly startAfterDays: number;
  readonly reengage: readonly ReengagementRule[];
  /** Points per activity type for `score-rise` rules. */
  readonly score: Readonly<Partial<Record<ActivityType, number>>>;
  /** Activity types that stop the messages (the person stays enrolled and can still re-engage). */
  readonly exit: readonly ActivityType[];
  /** Where re-engaged people go: through recycled to this stage (sal), or stay in recycled for sales to accept. */
  readonly handBackTo: StageId;
}

/** Reason of the hand-back transition into recycled. */
export function reengagedReason(program: NurtureProgram, rule: string): string {
  return `nurture:${program.version}:re-engaged:${rule}`;
}

/**
 * Reason of the move from recycled back to sales. Signals at one instant are replayed in the
 * order of their reasons: "re-engaged" sorts before "returned", so recycled comes first.
 */
export function returnedReason(program: NurtureProgram): string {
  return `nurture:${program.version}:returned`;
}
