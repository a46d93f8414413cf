import { describe, expect, it } from 'vitest';
import { describeChange, describePoints } from './half-comparison.js';

describe('describeChange', () => {
  it.each([
    [1120, 112, '−90%'],
    [2, 6, '×3'],
    [4, 10, '×2.5'],
    [100, 103, '+3%'],
    [13, 13, '±0%'],
    [0, 5, null],
    [null, 5, null],
  ])('%s → %s is %s', (before, after, text) => {
    expect(describeChange(before, after)).toBe(text);
  });

  it('gives rate changes in percentage points', () => {
    expect(describePoints(0.15, 0.755)).toBe('+60.5 pts');
    expect(describePoints(0.5, 0.4)).toBe('−10.0 pts');
  });
});
