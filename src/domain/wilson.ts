/** A share with its 95% Wilson score interval (good for small counts and shares near 0 or 1). */
export interface Proportion {
  readonly rate: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

const Z95 = 1.959963984540054;

/** `successes` of `trials`, with the Wilson score interval; nulls when there are no trials. */
export function wilson(successes: number, trials: number, z: number = Z95): Proportion {
  if (trials <= 0) return { rate: null, low: null, high: null };
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // At 0 and at every trial the bounds are exactly 0 and 1 (rounding would leave 1e-17).
  return { rate: p, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) };
}
