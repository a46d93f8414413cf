/**
 * How a period selects what a funnel report counts.
 * - cohort: the units that entered the funnel in the period, and every stage they reached since;
 * - flow: per stage, the units that passed it within the period (and deals closed within it) —
 *   "what happened in Q2", as a quarter-on-quarter comparison reads.
 */
export const REPORT_BASES = ['cohort', 'flow'] as const;
export type ReportBasis = (typeof REPORT_BASES)[number];
