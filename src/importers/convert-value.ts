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

const FALLBACK_FORMATS = ['yyyy/MM/dd HH:mm:ss', 'yyyy/MM/dd HH:mm', 'yyyy/MM/dd', 'yyyy.MM.dd', 'd MMM yyyy', 'd MMM yyyy HH:mm', 'MMM d, yyyy'];

/** Days since 1899-12-30 within 1970–2099: what a date becomes when an XLSX export is re-saved as CSV. */
const EXCEL_SERIAL = /^\d{5}(\.\d+)?$/;

function fromExcelSerial(text: string, zone: string): DateTime | null {
  const serial = Number(text);
  if (!EXCEL_SERIAL.test(text) || serial < 25569 || serial >= 73051) return null;
  const days = Math.floor(serial);
  return DateTime.fromObject({ year: 1899, month: 12, day: 30 }, { zone }).plus({ days }).plus({ milliseconds: Math.round((serial - days) * 86_400_000) });
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits at text[from..from+n) as a number, or -1 if any is not a digit. */
function digits(text: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Already the stored form (`2024-03-05T14:22:10.000Z`, what Tandem and most machine exports
 * write) and a real calendar time: kept as it is, without allocating. Checked field by field;
 * anything else goes the general way.
 */
function isCanonicalUtc(t: string): boolean {
  if (t.length !== 24 || t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' || t[13] !== ':' || t[16] !== ':' || t[19] !== '.' || t[23] !== 'Z') return false;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  if (year < 0 || digits(t, 20, 3) < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * `2024-03-05T14:22:10.000Z`, the form most machine exports use (Salesforce, Marketo, Tandem's
 * own), read by the platform's ISO parser: Luxon took ~40% of the reading time of an activities
 * file (docs/performance.md). The platform rolls 02-30 over to 03-01, so the result must show the
 * same calendar fields as the text, else the general path decides.
 */
function utcFastPath(text: string): string | null {
  if (isCanonicalUtc(text)) return text;
  if (!ISO_UTC.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  const fields = text.length >= 19 && text[16] === ':' ? 19 : 16;
  return iso.slice(0, fields) === text.slice(0, fields) ? iso : null;
}

/**
 * A date in UTC ISO-8601 (ms precision). Tried in order: the mapping's formats (Luxon tokens), ISO-8601,
 * SQL (`2024-03-05 14:22:10 +02:00`), RFC 2822 (e-mail headers), a few common unambiguous forms,
 * epoch seconds/milliseconds, and Excel serial numbers. An offset in the value wins; without one the
 * value is read in `zone` (the mapping's `timezone`). Day/month order is never guessed: `03/05/2024`
 * needs a format in the mapping.
 */
export function parseDate(field: string, text: string, formats: readonly string[], zone: string): string {
  const trimmed = text.trim();
  const utc = formats.length === 0 ? utcFastPath(trimmed) : null;
  if (utc) return utc;
  for (const format of formats) {
    const dt = DateTime.fromFormat(trimmed, format, { zone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  for (const read of [(t: string, o: { zone: string }) => DateTime.fromISO(t, o), (t: string, o: { zone: string }) => DateTime.fromSQL(t, o)]) {
    const dt = read(trimmed, { zone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  const rfc = DateTime.fromRFC2822(trimmed, { zone });
  if (rfc.isValid) return rfc.toUTC().toISO()!;
  for (const format of FALLBACK_FORMATS) {
    const dt = DateTime.fromFormat(trimmed, format, { zone });
    if (dt.isValid) return dt.toUTC().toISO()!;
  }
  if (/^\d{10}$|^\d{13}$/.test(trimmed)) {
    // Epoch seconds or milliseconds, as some APIs export them.
    const n = Number(trimmed);
    return DateTime.fromMillis(trimmed.length === 13 ? n : n * 1000, { zone: 'UTC' }).toISO()!;
  }
  const excel = fromExcelSerial(trimmed, zone);
  if (excel?.isValid) return excel.toUTC().toISO()!;
  const tried = formats.length > 0 ? `${formats.join(', ')} or ISO-8601` : 'ISO-8601 (e.g. 2024-03-31 or 2024-03-31T14:00:00Z)';
  const hint = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/.test(trimmed) && formats.length === 0 ? '; say the day/month order in the mapping\'s dateFormats (e.g. MM/dd/yyyy)' : '';
  throw new RowError(field, `"${trimmed.slice(0, 40)}" is not a date in ${tried}${hint}`);
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
