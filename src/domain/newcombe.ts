import { wilson } from './wilson.js';

/** A difference of two proportions with its 95% interval. */
export interface Difference {
  readonly difference: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * p1 − p2 with Newcombe's hybrid score interval (1998, method 10): built from each
 * proportion's Wilson score interval, so it stays inside [−1, 1] and behaves with small counts
 * and rates near 0 or 1, where the normal (Wald) approximation fails. Nulls when a group is empty.
 */
export function newcombe(successes1: number, trials1: number, successes2: number, trials2: number): Difference {
  const a = wilson(successes1, trials1);
  const b = wilson(successes2, trials2);
  if (a.rate === null || b.rate === null) return { difference: null, low: null, high: null };
  const d = a.rate - b.rate;
  const low = d - Math.sqrt((a.rate - a.low!) ** 2 + (b.high! - b.rate) ** 2);
  const high = d + Math.sqrt((a.high! - a.rate) ** 2 + (b.rate - b.low!) ** 2);
  return { difference: d, low: Math.max(-1, low), high: Math.min(1, high) };
}
