import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { parsePeriod, periodDays } from './period-spec.js';

describe('parsePeriod', () => {
  it.each([
    ['2024-Q2', '2024-Q2', '2024-04-01', '2024-06-30'],
    ['2024-q4', '2024-Q4', '2024-10-01', '2024-12-31'],
    ['2024Q1', '2024-Q1', '2024-01-01', '2024-03-31'],
    ['2024-05', '2024-05', '2024-05-01', '2024-05-31'],
    ['2024-02', '2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', '2023-02', '2023-02-01', '2023-02-28'],
    ['2024', '2024', '2024-01-01', '2024-12-31'],
    ['2024-05-03', '2024-05-03', '2024-05-03', '2024-05-03'],
    ['2024-01-01..2024-06-30', '2024-01-01..2024-06-30', '2024-01-01', '2024-06-30'],
    ['2024-Q1..2024-Q2', '2024-Q1..2024-Q2', '2024-01-01', '2024-06-30'],
    ['2024-03..2024-04', '2024-03..2024-04', '2024-03-01', '2024-04-30'],
    [' 2024-07-01.. ', '2024-07-01..', '2024-07-01', null],
    ['..2024-06-30', '..2024-06-30', null, '2024-06-30'],
  ])('%s → %s [%s, %s]', (text, label, from, to) => {
    expect(parsePeriod(text)).toEqual({ label, from, to });
  });

  it.each([
    ['2024-Q5', 'not a period'],
    ['2024-13', 'month 13 does not exist'],
    ['2024-02-30', 'not a calendar date'],
    ['Q2', 'not a period'],
    ['2024-06-30..2024-01-01', 'is after'],
    ['..', 'both ends are empty'],
    ['2024..2025..2026', 'one ".."'],
    ['', 'not a period'],
  ])('rejects %s (%s), naming the option', (text, why) => {
    let caught: unknown;
    try {
      parsePeriod(text, 'a');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TandemError);
    expect((caught as TandemError).code).toBe('BAD_INPUT');
    expect((caught as TandemError).message).toContain('--a');
    expect((caught as TandemError).message).toContain(why);
  });
});

describe('periodDays', () => {
  it.each([
    [{ from: '2024-04-01', to: '2024-06-30' }, 91],
    [{ from: '2024-02-01', to: '2024-02-29' }, 29],
    [{ from: '2024-05-03', to: '2024-05-03' }, 1],
    [{ from: null, to: '2024-05-03' }, null],
  ])('%o → %s days', (p, days) => {
    expect(periodDays(p)).toBe(days);
  });
});
