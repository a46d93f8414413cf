/** The report's colours: one per meaning, the same in every chart. */
export const COLORS = {
  actual: '#2f6fb5',
  target: '#e07b00',
  a: '#9aa7b8',
  b: '#2f6fb5',
  p50: '#2f6fb5',
  p75: '#6f9fd6',
  p90: '#b6cdea',
  stake: '#c2410c',
  marketing: '#7c3aed',
  sales: '#0f766e',
  shared: '#a16207',
} as const;

/** A heatmap cell colour: white (0) to the report blue (1); grey when not observed. */
export function heat(value: number | null, max = 1): string {
  if (value === null) return 'rgba(200,200,200,0.25)';
  const t = max > 0 ? Math.max(0, Math.min(1, value / max)) : 0;
  return `rgba(47,111,181,${(0.08 + 0.92 * t).toFixed(3)})`;
}

/** Stage colours along the funnel (top light, bottom dark). */
export const STAGE_COLORS = ['#c7d7ee', '#9dbbe3', '#6f9fd6', '#4a84c6', '#2f6fb5', '#1d4f8a'] as const;
