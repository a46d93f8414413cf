import { describe, expect, it } from 'vitest';
import { cohortIndex, cohortOf, cohortTriangle } from './cohort-report.js';
import type { CohortGrain, CohortRow } from './cohort-report.js';

describe('cohort labels', () => {
  it.each([
    ['2024-01-15T10:00:00.000Z', 'month', '2024-01'],
    ['2024-12-31T23:59:59.000Z', 'month', '2024-12'],
    ['2024-03-31T00:00:00.000Z', 'quarter', '2024-Q1'],
    ['2024-04-01T00:00:00.000Z', 'quarter', '2024-Q2'],
    ['2024-12-01T00:00:00.000Z', 'quarter', '2024-Q4'],
  ] as const)('%s by %s is %s', (iso, grain, label) => {
    expect(cohortOf(iso, grain)).toBe(label);
  });

  it.each([
    ['2024-12', '2025-01', 'month', 1],
    ['2024-01', '2024-12', 'month', 11],
    ['2024-Q4', '2025-Q1', 'quarter', 1],
    ['2023-Q2', '2024-Q2', 'quarter', 4],
  ] as const)('%s → %s is %s %s(s) apart', (a, b, grain, apart) => {
    expect(cohortIndex(b, grain as CohortGrain) - cohortIndex(a, grain as CohortGrain)).toBe(apart);
  });
});

describe('cohortTriangle', () => {
  const row = (cohort: string, size: number): CohortRow => ({ cohort, size, stages: [] });
  it('accumulates by age and leaves what is not yet observed empty', () => {
    const t = cohortTriangle(
      'won',
      'month',
      [row('2024-01', 10), row('2024-03', 5)],
      [
        { cohort: '2024-01', key: null, age: 0, count: 1 },
        { cohort: '2024-01', key: null, age: 2, count: 3 },
        { cohort: '2024-03', key: null, age: 1, count: 5 },
      ],
      '2024-04-10T00:00:00.000Z',
    );
    expect(t.ages).toEqual([0, 1, 2, 3]);
    expect(t.rows[0]!.cumulativeShare).toEqual([0.1, 0.1, 0.4, 0.4]);
    expect(t.rows[1]!.cumulativeShare).toEqual([0, 1, null, null]);
  });

  it('is empty without cohorts', () => {
    expect(cohortTriangle('won', 'quarter', [], [], null)).toEqual({ stage: 'won', ages: [], rows: [] });
  });
});
