import type { ValueCount } from './value-stats.js';
import { wilson } from './wilson.js';

/** A value count with the figures that say whether it separates the outcome. */
export interface ValueFigures extends ValueCount {
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  /** rate / base rate. */
  readonly lift: number;
  /** Share of all outcomes that had this value. */
  readonly share: number;
  /** Points a draft profile gives it; null when the evidence is too weak (interval holds the base rate) or support too low. */
  readonly points: number | null;
}

/** A rule of a draft profile, in the file's own shape (what a person edits). */
export interface DraftRule {
  readonly name: string;
  readonly when: Readonly<Record<string, unknown>>;
  readonly points: number;
  /** Why: support, rate and interval, for the comment above the rule. */
  readonly evidence: string;
}

const MAX_POINTS = 30;

/**
 * Figures per value: rate with its Wilson interval, lift and share. A value gets points only
 * when its whole interval lies above (or below) the base rate, scaled by the conservative end
 * of the interval: log2(bound / base) × 10, at most ±30.
 */
export function valueFigures(counts: readonly ValueCount[], people: number, outcomes: number, minSupport: number): ValueFigures[] {
  const base = people === 0 ? 0 : outcomes / people;
  return counts.map((c) => {
    const rate = c.n === 0 ? 0 : c.outcomes / c.n;
    const { low, high } = wilson(c.outcomes, c.n);
    let points: number | null = null;
    if (c.n >= minSupport && base > 0 && base < 1) {
      const raw = low > base ? Math.log2(low / base) * 10 : high < base ? Math.log2(Math.max(high, 1e-6) / base) * 10 : 0;
      const p = Math.max(-MAX_POINTS, Math.min(MAX_POINTS, Math.round(raw)));
      points = p === 0 ? null : p;
    }
    return { ...c, rate, low, high, lift: base === 0 ? 0 : rate / base, share: outcomes === 0 ? 0 : c.outcomes / outcomes, points };
  });
}

function describe(v: ValueFigures): string {
  if (v.range) {
    const { gte, lt } = v.range;
    return gte !== undefined && lt !== undefined ? `${v.field} ${gte} to under ${lt}` : gte !== undefined ? `${v.field} ${gte} or more` : `${v.field} under ${lt}`;
  }
  return v.value === null ? `${v.field} missing` : `${v.field} = ${String(v.value)}`;
}

function condition(v: ValueFigures): Record<string, unknown> {
  if (v.range) return { field: v.field, ...v.range };
  if (v.value === null) return { field: v.field, exists: false };
  return { field: v.field, eq: v.value };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** The rules of a draft profile: one per value with points, strongest first. */
export function draftRules(figures: readonly ValueFigures[], baseRate: number): DraftRule[] {
  return figures
    .filter((v) => v.points !== null)
    .sort((a, b) => b.points! - a.points! || b.n - a.n)
    .map((v) => ({
      name: describe(v),
      when: condition(v),
      points: v.points!,
      evidence: `${v.outcomes} of ${v.n} reached the outcome: ${pct(v.rate)} (95% ${pct(v.low)}–${pct(v.high)}) vs ${pct(baseRate)} overall, lift ${v.lift.toFixed(2)}, share ${pct(v.share)}`,
    }));
}

/** Grade cut-offs at the quartiles of the fit scores: A the top quarter, D the bottom one. */
export function quartileGrades(fits: readonly number[]): { A: number; B: number; C: number } {
  if (fits.length === 0) return { A: 0, B: 0, C: 0 };
  const s = [...fits].sort((a, b) => a - b);
  const q = (f: number): number => s[Math.min(s.length - 1, Math.floor(f * s.length))]!;
  return { A: q(0.75), B: q(0.5), C: q(0.25) };
}
