import type { CompareReport } from '../../domain/funnel-change.js';
import type { ChartSpec } from './chart-spec.js';
import { COLORS } from './palette.js';

/** Two periods side by side: units reaching each stage, and won deals. */
export function compareCharts(prefix: string, c: CompareReport): ChartSpec[] {
  const labels = c.a.stages.map((s) => s.id);
  const bars = (pick: (r: CompareReport['a']) => number[]) => [
    { label: c.a.period, data: pick(c.a), backgroundColor: COLORS.a },
    { label: c.b.period, data: pick(c.b), backgroundColor: COLORS.b },
  ];
  return [
    {
      id: `${prefix}-stages`,
      title: `Period comparison: ${c.a.period} vs ${c.b.period}`,
      caption: 'Units reaching each stage in each period (log scale, so small and large stages both show).',
      config: {
        type: 'bar',
        data: { labels, datasets: bars((r) => r.stages.map((s) => s.reached)) },
        options: { scales: { y: { type: 'logarithmic', title: { display: true, text: 'units' } } } },
      },
    },
    {
      id: `${prefix}-conversion`,
      title: 'Conversion to the next stage',
      caption: 'Share of each stage that reached the next, per period.',
      config: {
        type: 'bar',
        data: {
          labels: labels.slice(0, -1).map((s, i) => `${s}→${labels[i + 1]}`),
          datasets: bars((r) => r.stages.slice(0, -1).map((s) => Math.round((s.conversionToNext ?? 0) * 1000) / 10)),
        },
        options: { scales: { y: { beginAtZero: true, title: { display: true, text: '%' } } } },
      },
    },
  ];
}
