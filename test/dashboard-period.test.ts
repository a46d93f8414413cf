import { describe, expect, it } from 'vitest';
import { parsePeriod, periodSuggestions } from '../web/src/period.js';

/** The dashboard reads periods as the CLI does (app/period-spec.ts), for routes that take from/to. */
describe('dashboard period field', () => {
  it.each([
    ['2024', { from: '2024-01-01', to: '2024-12-31' }],
    ['2024-Q2', { from: '2024-04-01', to: '2024-06-30' }],
    ['2024q1', { from: '2024-01-01', to: '2024-03-31' }],
    ['2024-02', { from: '2024-02-01', to: '2024-02-29' }],
    ['2023-02', { from: '2023-02-01', to: '2023-02-28' }],
    ['2024-01-01..2024-06-30', { from: '2024-01-01', to: '2024-06-30' }],
    ['2024-Q1..2024-Q3', { from: '2024-01-01', to: '2024-09-30' }],
    [' 2024-05 ', { from: '2024-05-01', to: '2024-05-31' }],
  ])('reads %s', (text, range) => expect(parsePeriod(text)).toEqual(range));

  it.each(['', 'Q2', '2024-13', '2024-Q5', '2024-06-30..2024-01-01', 'last week', '2024..2025..2026'])('refuses %j', (text) => expect(parsePeriod(text)).toBeNull());

  it('suggests every suggestion it can read', () => {
    const all = periodSuggestions([2024, 2025]);
    expect(all).toContain('2024-Q3');
    expect(all.filter((p) => parsePeriod(p) === null)).toEqual([]);
  });
});
