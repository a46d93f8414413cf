/** How reports cut time into periods. `all` is one period (the whole range given). */
export const PERIOD_GRAINS = ['quarter', 'month', 'year', 'all'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/** Maps a UTC ISO time to its period label (`2024-Q1`, `2024-03`, `2024`, `all`), or null outside [fromIso, toIsoExclusive). */
export type PeriodOf = (iso: string | null) => string | null;

export function periodOf(grain: PeriodGrain, fromIso: string | null = null, toIsoExclusive: string | null = null, allLabel = 'all'): PeriodOf {
  return (iso) => {
    if (!iso) return null;
    if (fromIso && iso < fromIso) return null;
    if (toIsoExclusive && iso >= toIsoExclusive) return null;
    switch (grain) {
      case 'quarter':
        return `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
      case 'month':
        return iso.slice(0, 7);
      case 'year':
        return iso.slice(0, 4);
      case 'all':
        return allLabel;
      default: {
        const never: never = grain;
        throw new Error(`unknown period grain ${String(never)}`);
      }
    }
  };
}
