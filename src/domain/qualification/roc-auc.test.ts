import { describe, expect, it } from 'vitest';
import { rocAuc } from './roc-auc.js';
import { inTraining } from './split.js';
import { wilson } from './wilson.js';

describe('ROC AUC', () => {
  it.each([
    [[1, 2, 3, 4], [false, false, true, true], 1],
    [[4, 3, 2, 1], [false, false, true, true], 0],
    [[1, 1, 1, 1], [false, true, false, true], 0.5],
    [[0.1, 0.4, 0.35, 0.8], [false, false, true, true], 0.75],
  ])('scores %j against %j', (scores, won, auc) => {
    expect(rocAuc(scores, won)).toBeCloseTo(auc, 12);
  });
  it('is null without both classes', () => {
    expect(rocAuc([1, 2], [true, true])).toBeNull();
  });
});

describe('Wilson interval', () => {
  it('matches the textbook value for 8 of 10', () => {
    const w = wilson(8, 10);
    expect(w.low).toBeCloseTo(0.4902, 4);
    expect(w.high).toBeCloseTo(0.9433, 4);
  });
});

describe('seeded split', () => {
  it('is reproducible and close to the fraction', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `p_${i}`);
    const share = ids.filter((id) => inTraining(id, 7, 0.7)).length / ids.length;
    expect(share).toBeGreaterThan(0.68);
    expect(share).toBeLessThan(0.72);
    expect(ids.map((id) => inTraining(id, 7, 0.7))).toEqual(ids.map((id) => inTraining(id, 7, 0.7)));
    expect(ids.filter((id) => inTraining(id, 7, 0.7) !== inTraining(id, 8, 0.7)).length).toBeGreaterThan(1000);
  });
});
