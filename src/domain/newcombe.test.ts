import { describe, expect, it } from 'vitest';
import { newcombe } from './newcombe.js';

describe('newcombe', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])('%i/%i − %i/%i: %f to %f as published', (x1, n1, x2, n2, low, high) => {
    const d = newcombe(x1, n1, x2, n2);
    expect(d.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
  });

  it('is null when a group is empty', () => {
    expect(newcombe(0, 0, 3, 10)).toEqual({ difference: null, low: null, high: null });
  });
});
