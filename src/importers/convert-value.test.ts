import { describe, expect, it } from 'vitest';
import { parseAmountMinor, parseBoolean, parseDate, RowError } from './convert-value.js';

describe('parseDate', () => {
  it.each([
    // [value, formats, zone, UTC result]
    ['2024-03-05', [], 'UTC', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05T14:22:10.000Z', [], 'America/New_York', '2024-03-05T14:22:10.000Z'], // Salesforce Data Loader
    ['2013-09-26T06:56:35+0000', [], 'Europe/Paris', '2013-09-26T06:56:35.000Z'], // older Marketo
    ['2022-02-13T14:06:20Z', [], 'UTC', '2022-02-13T14:06:20.000Z'], // Marketo activities
    ['2026-01-20 14:55', [], 'UTC', '2026-01-20T14:55:00.000Z'], // HubSpot
    ['2026-01-20 14:55', [], 'Europe/Berlin', '2026-01-20T13:55:00.000Z'], // HubSpot, portal time zone
    ['2024-07-01 09:00:00', [], 'America/New_York', '2024-07-01T13:00:00.000Z'], // summer time
    ['2024-01-15 09:00:00', [], 'America/New_York', '2024-01-15T14:00:00.000Z'], // winter time
    ['2024-03-05 14:22:10 +02:00', [], 'UTC', '2024-03-05T12:22:10.000Z'], // offset in the value wins
    ['2024-03-05T14:22:10+05:30', [], 'America/New_York', '2024-03-05T08:52:10.000Z'],
    ['Tue, 05 Mar 2024 14:22:10 +0000', [], 'Asia/Tokyo', '2024-03-05T14:22:10.000Z'],
    ['2024/03/05 14:22', [], 'UTC', '2024-03-05T14:22:00.000Z'],
    ['5 Mar 2024', [], 'UTC', '2024-03-05T00:00:00.000Z'],
    ['03/05/2024', ['MM/dd/yyyy'], 'UTC', '2024-03-05T00:00:00.000Z'],
    ['05/03/2024', ['dd/MM/yyyy'], 'UTC', '2024-03-05T00:00:00.000Z'],
    ['05.03.2024 14:00', ['dd.MM.yyyy HH:mm'], 'Europe/Prague', '2024-03-05T13:00:00.000Z'],
    ['1709648530', [], 'Asia/Tokyo', '2024-03-05T14:22:10.000Z'], // epoch seconds
    ['1709648530000', [], 'UTC', '2024-03-05T14:22:10.000Z'], // epoch ms
    ['45356', [], 'UTC', '2024-03-05T00:00:00.000Z'], // Excel serial
    ['45356.5', [], 'UTC', '2024-03-05T12:00:00.000Z'],
    ['2024-02-29T23:59:59.999Z', [], 'UTC', '2024-02-29T23:59:59.999Z'], // stored form, leap day kept as is
    ['2000-02-29T00:00:00.000Z', [], 'UTC', '2000-02-29T00:00:00.000Z'],
    ['2024-12-31T00:00:00.000Z', [], 'Asia/Tokyo', '2024-12-31T00:00:00.000Z'],
  ])('%s (%j, %s) → %s', (value, formats, zone, expected) => {
    expect(parseDate('createdAt', value, formats, zone)).toBe(expected);
  });

  it.each([
    'yesterday', '2024-13-01', '31/31/2024', '0000-00-00', '12345', '',
    // the stored form with an impossible calendar time is not let through by the fast path
    '2023-02-29T10:00:00.000Z', '1900-02-29T10:00:00.000Z', '2024-04-31T10:00:00.000Z', '2024-00-10T10:00:00.000Z', '2024-01-01T10:60:00.000Z',
  ])('rejects %j naming the field', (value) => {
    const e = (() => {
      try {
        parseDate('createdAt', value, [], 'UTC');
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(RowError);
    expect((e as RowError).field).toBe('createdAt');
    expect((e as RowError).message).toContain('is not a date');
  });

  it('asks for the day/month order of an ambiguous slash date', () => {
    expect(() => parseDate('createdAt', '03/05/2024', [], 'UTC')).toThrow(/dateFormats \(e\.g\. MM\/dd\/yyyy\)/);
  });
});

describe('parseBoolean', () => {
  it.each([['Yes', true], ['no', false], ['1', true], ['0', false], ['TRUE', true], ['f', false]])('%s → %s', (v, b) => {
    expect(parseBoolean('won', v)).toBe(b);
  });
  it('rejects other words', () => expect(() => parseBoolean('won', 'maybe')).toThrow(/not yes\/no/));
});

describe('parseAmountMinor', () => {
  it.each([
    ['250000', 'USD', 25_000_000],
    ['250,000.00', 'USD', 25_000_000],
    ['$250,000', 'USD', 25_000_000],
    ['250.000,50', 'EUR', 25_000_050],
    ['45362.12', 'USD', 4_536_212],
    ['1000', 'JPY', 1000],
  ])('%s %s → %d', (v, c, n) => expect(parseAmountMinor('amount', v, c)).toBe(n));
  it('rejects text', () => expect(() => parseAmountMinor('amount', 'n/a', 'USD')).toThrow(/not an amount/));
});

describe('parseDate fast path for UTC timestamps', () => {
  it.each([
    ['2024-03-05T14:22:10.000Z', '2024-03-05T14:22:10.000Z'],
    ['2024-03-05T14:22:10Z', '2024-03-05T14:22:10.000Z'],
    ['2024-03-05T14:22Z', '2024-03-05T14:22:00.000Z'],
    ['2024-03-05T14:22:10.123456Z', '2024-03-05T14:22:10.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (value, expected) => expect(parseDate('at', value, [], 'Asia/Tokyo')).toBe(expected));

  it.each(['2023-02-29T10:00:00Z', '2024-02-30T00:00:00.000Z', '2024-01-01T23:60:00Z', '2024-01-01T23:59:60Z'])(
    '%s is not rolled over into another day',
    (value) => expect(() => parseDate('at', value, [], 'UTC')).toThrow(/is not a date/),
  );
});
