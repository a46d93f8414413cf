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

describe('ROC AUC against the pairwise definition', () => {
  /** The chance a random positive outscores a random negative, ties half: O(n²), the definition itself. */
  function pairwise(scores: readonly number[], won: readonly boolean[]): number | null {
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < scores.length; i++) {
      if (!won[i]) continue;
      for (let j = 0; j < scores.length; j++) {
        if (won[j]) continue;
        pairs++;
        wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
    return pairs === 0 ? null : wins / pairs;
  }
  /** The former implementation (an index array sorted by a comparator, ranks summed one by one): results must stay identical. */
  function ranked(scores: readonly number[], won: readonly boolean[]): number | null {
    const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
    let nPos = 0;
    let rankSum = 0;
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
      for (let k = i; k <= j; k++) if (won[order[k]!]) (nPos++, (rankSum += (i + j) / 2 + 1));
      i = j + 1;
    }
    const nNeg = order.length - nPos;
    return nPos === 0 || nNeg === 0 ? null : (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
  }
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('agrees on random scores with ties and -Infinity (seed %i)', (seed) => {
    let x = seed;
    const next = (): number => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const n = 200 + (next() % 300);
    const scores = Array.from({ length: n }, () => (next() % 10 === 0 ? Number.NEGATIVE_INFINITY : (next() % 40) / 4));
    const won = scores.map((s) => next() % 100 < 20 + (Number.isFinite(s) ? s * 3 : 0));
    expect(rocAuc(scores, won)).toBeCloseTo(pairwise(scores, won)!, 12);
    expect(rocAuc(scores, won)).toBe(ranked(scores, won));
    // Typed arrays of grades and flags (what the backtest accumulator keeps) give the same.
    expect(rocAuc(Float64Array.from(scores), Uint8Array.from(won, Number))).toBe(rocAuc(scores, won));
  });
});
