import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.js';

describe('allocate (largest remainder)', () => {
  it.each([
    { amount: 100, weights: [1n, 1n, 1n], parts: [34, 33, 33] },
    { amount: 100_000, weights: [40n, 40n, 20n], parts: [40_000, 40_000, 20_000] },
    { amount: 10, weights: [1n, 2n], parts: [3, 7] },
    { amount: 1, weights: [1n, 1n, 1n], parts: [1, 0, 0] },
    { amount: 5, weights: [0n, 3n, 0n], parts: [0, 5, 0] },
    { amount: -100, weights: [1n, 1n, 1n], parts: [-34, -33, -33] },
    { amount: 0, weights: [1n, 5n], parts: [0, 0] },
  ])('$amount over $weights → $parts', ({ amount, weights, parts }) => {
    expect(allocate(amount, weights)).toEqual(parts);
  });

  it('gives the leftover unit to the largest remainder, not the first position', () => {
    // 7 × (1/6, 2/6, 3/6) = 1.166…, 2.333…, 3.5 → floors 1, 2, 3; the unit left goes to 3.5.
    expect(allocate(7, [1n, 2n, 3n])).toEqual([1, 2, 4]);
  });

  it('always sums to the amount exactly and keeps each part within one unit of its share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 40 }).filter((w) => w.some((x) => x > 0n)),
        (amount, weights) => {
          const parts = allocate(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((p, i) => {
            const exact = (Number(weights[i]!) / Number(total)) * amount;
            expect(Math.abs(p - exact)).toBeLessThanOrEqual(1.001);
          });
        },
      ),
    );
  });

  it('rejects weights that are all zero', () => {
    expect(() => allocate(10, [0n, 0n])).toThrow(RangeError);
  });
});
