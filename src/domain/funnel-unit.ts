/**
 * What the funnel counts: people (the default) or accounts, for teams that sell to buying
 * groups. An account reaches a stage when its first person does.
 */
export const FUNNEL_UNITS = ['person', 'account'] as const;
export type FunnelUnit = (typeof FUNNEL_UNITS)[number];

export function isFunnelUnit(value: string): value is FunnelUnit {
  return (FUNNEL_UNITS as readonly string[]).includes(value);
}
