/**
 * Splits an integer amount (minor units) in proportion to non-negative integer weights so that
 * the parts sum to the amount exactly: each part gets the floor of its exact share, and the
 * units left over go one each to the largest remainders (ties: the earlier position). BigInt
 * keeps the arithmetic exact for any amount and weight.
 */
export function allocate(amountMinor: number, weights: readonly bigint[]): number[] {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount ${amountMinor} is not an integer number of minor units`);
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must not be negative');
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new RangeError('weights must not all be zero');
  const sign = amountMinor < 0 ? -1n : 1n;
  const amount = BigInt(amountMinor) * sign;
  const parts = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, i) => ({ i, r: (amount * w) % total }));
  let left = amount - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = parts[i]! + 1n;
    left--;
  }
  return parts.map((p) => Number(p * sign));
}
