/** Numbers as a manager reads them in a sentence. Pure: Intl is part of the language. */

export function pctText(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

export function countText(n: number): string {
  const digits = Math.abs(n) >= 10 || Number.isInteger(n) ? 0 : 1;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** `$1.6M`, `R$842K`: short, for sentences (tables show full amounts). */
export function moneyText(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(amount);
  } catch {
    return `${countText(amount)} ${currency}`;
  }
}
