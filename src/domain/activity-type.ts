/** Every kind of thing that can happen to a person, from either system. */
export const ACTIVITY_TYPES = [
  'lead_created',
  'form_fill',
  'page_view',
  'download',
  'email_sent',
  'email_open',
  'email_click',
  'email_reply',
  'email_bounce',
  'unsubscribe',
  'call_attempt',
  'call_connect',
  'meeting',
  'campaign_member',
  'event_attended',
  'content_share',
  'stage_change',
  'opportunity_created',
  'opportunity_won',
  'opportunity_lost',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export function isActivityType(value: string): value is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(value);
}
