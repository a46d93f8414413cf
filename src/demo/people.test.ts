import { describe, expect, it } from 'vitest';
import { gradeOf, identity } from './people.js';
import { Random } from './random.js';

describe('identity', () => {
  it.each(['A', 'B', 'C', 'D'] as const)('gives attributes that grade exactly %s on the buyer profile', (grade) => {
    const rnd = new Random(11);
    for (let i = 0; i < 500; i++) expect(gradeOf(identity(rnd, grade, i, 0.1))).toBe(grade);
  });

  it('makes emails unique by the sequence number', () => {
    const rnd = new Random(5);
    const emails = new Set(Array.from({ length: 2000 }, (_, i) => identity(rnd, 'D', i, 0.1).email));
    expect(emails.size).toBe(2000);
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed, and derived streams differ from each other', () => {
    const draw = (r: Random) => Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    expect(draw(new Random(42))).toEqual(draw(new Random(42)));
    expect(draw(new Random(42).derive('a'))).not.toEqual(draw(new Random(42).derive('b')));
  });

  it('stays in range and picks by weight', () => {
    const r = new Random(1);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) {
      const v = r.int(3, 5);
      expect(v >= 3 && v <= 5).toBe(true);
      counts[r.weighted([['a', 9], ['b', 1]] as const)]++;
    }
    expect(counts.a / 10_000).toBeCloseTo(0.9, 1);
  });
});
