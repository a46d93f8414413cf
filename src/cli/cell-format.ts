import type { Change } from '../domain/funnel-change.js';

/** Cell formats shared by the report tables. */
export const pct = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : `${(v * 100).toFixed(1)}%`);
export const days = (v: number | null | undefined): string | null => (v === null || v === undefined ? null : v.toFixed(1));
export const round1 = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(v * 10) / 10);

export function money(amount: number | null | undefined, currency: string): string | null {
  if (amount === null || amount === undefined) return null;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${Math.round(amount).toLocaleString('en-US')} ${currency}`;
  }
}

/** A change as `+12` / `−3.5 pts`; `kind` says how the absolute part reads. */
export function signed(c: Change, kind: 'count' | 'share' | 'days' | 'money', currency = 'USD'): string | null {
  if (c.absolute === null) return null;
  const sign = c.absolute > 0 ? '+' : c.absolute < 0 ? '−' : '±';
  const abs = Math.abs(c.absolute);
  switch (kind) {
    case 'count':
      return `${sign}${abs.toLocaleString('en-US', { maximumFractionDigits: 1 })}`;
    case 'share':
      return `${sign}${(abs * 100).toFixed(1)} pts`;
    case 'days':
      return `${sign}${abs.toFixed(1)} d`;
    case 'money':
      return `${sign}${money(abs, currency)}`;
    default: {
      const never: never = kind;
      return String(never);
    }
  }
}

/** Relative change as `−89.5%` (the minus sign is U+2212, so spreadsheets read it as text, not a formula). */
export function relative(c: Change): string | null {
  if (c.relative === null) return null;
  const sign = c.relative > 0 ? '+' : c.relative < 0 ? '−' : '±';
  return `${sign}${Math.abs(c.relative * 100).toFixed(1)}%`;
}
