/** A half-open time range [fromIso, toIsoExclusive); a null bound is open. */
export interface Period {
  readonly fromIso: string | null;
  readonly toIsoExclusive: string | null;
}

/** Whether a moment falls in the period. An unknown moment belongs only to an unbounded period. */
export function inPeriod(at: string | null, period: Period): boolean {
  if (at === null) return period.fromIso === null && period.toIsoExclusive === null;
  return (period.fromIso === null || at >= period.fromIso) && (period.toIsoExclusive === null || at < period.toIsoExclusive);
}
