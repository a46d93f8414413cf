import { currentLanguage } from './i18n/i18n.js';

/** Number, money, percent and date formatting by the current language (Intl, no hand-rolled rules). */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `${currentLanguage()}|n|${key}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(currentLanguage(), options);
    cache.set(id, f);
  }
  return f;
}

const DASH = '—';

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : numberFormat('int', { maximumFractionDigits: 0 }).format(n);
}

export function fmtNumber(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined ? DASH : numberFormat(`num${digits}`, { maximumFractionDigits: digits }).format(n);
}

/** Fractions 0..1 as percentages. */
export function fmtPercent(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined ? DASH : numberFormat(`pct${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** Major units (dollars, not cents). */
export function fmtMoney(n: number | null | undefined, currency: string, compact = false): string {
  if (n === null || n === undefined) return DASH;
  return numberFormat(`cur${currency}${compact}`, { style: 'currency', currency, maximumFractionDigits: compact ? 1 : 0, ...(compact ? { notation: 'compact' } : {}) }).format(n);
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const id = `${currentLanguage()}|d`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeZone: 'UTC' });
    cache.set(id, f);
  }
  return f.format(new Date(iso));
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const id = `${currentLanguage()}|dt`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    cache.set(id, f);
  }
  return f.format(new Date(iso));
}

/** "A, B and C" / "أ وب وج" by the current language. */
export function fmtList(items: readonly string[]): string {
  return new Intl.ListFormat(currentLanguage(), { style: 'narrow', type: 'unit' }).format(items);
}
