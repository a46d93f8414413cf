import { DateTime } from 'luxon';
import { minorUnitDigits } from '../domain/funnel-report.js';

/** A cell that cannot become the field's type: the row is rejected with this reason. */
export class RowError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

const FALLBACK_FORMATS = [
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
  'yyyy-MM-dd',
  'yyyy/MM/dd HH:mm:ss',
  'yyyy/MM/dd',
];

/** A date in UTC ISO-8601 (ms precision), from ISO or one of the given Luxon formats, read in `zone`. */
export function parseDate(field: string, text: string, formats: readonly string[], zone: string): string {
  const trimmed = text.trim();
  for (const format of formats) {
    const dt = DateTime.fromFormat(trimmed, format, { zone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  const iso = DateTime.fromISO(trimmed, { zone });
  if (iso.isValid) return iso.toUTC().toISO()!;
  for (const format of FALLBACK_FORMATS) {
    const dt = DateTime.fromFormat(trimmed, format, { zone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  if (/^\d{10,13}$/.test(trimmed)) {
    // Epoch seconds or milliseconds, as some APIs export them.
    const n = Number(trimmed);
    return DateTime.fromMillis(trimmed.length === 13 ? n : n * 1000, { zone: 'UTC' }).toISO()!;
  }
  const tried = formats.length > 0 ? `${formats.join(', ')} or ISO-8601` : 'ISO-8601 (e.g. 2024-03-31 or 2024-03-31T14:00:00Z)';
  throw new RowError(field, `"${trimmed.slice(0, 40)}" is not a date in ${tried}`);
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 't', 'x', 'checked', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'f', 'unchecked', 'off']);

export function parseBoolean(field: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const t = String(value).trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  throw new RowError(field, `"${String(value).slice(0, 40)}" is not yes/no (true/false, 1/0)`);
}

/** Money to integer minor units: accepts `250000`, `250,000.00`, `$250,000`, `250.000,00`. */
export function parseAmountMinor(field: string, value: unknown, currency: string): number {
  let text = String(value).trim().replace(/[^\d.,-]/g, '');
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma > lastDot && text.length - lastComma - 1 !== 3) {
    // A comma as the decimal mark (250.000,00).
    text = text.replace(/\./g, '').replace(',', '.');
  } else {
    text = text.replace(/,/g, '');
  }
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new RowError(field, `"${String(value).slice(0, 40)}" is not an amount`);
  return Math.round(n * 10 ** minorUnitDigits(currency));
}
