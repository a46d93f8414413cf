import { useEffect, useRef } from 'preact/hooks';
import type { Chart, ChartConfiguration } from 'chart.js';
import { currentLanguage, LANGUAGES } from '../i18n/i18n.js';

/** chart.js (and the matrix plugin) load only when a chart is first shown: the first load stays small. */
async function loadChart(): Promise<typeof Chart> {
  const [{ Chart, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend }, { MatrixController, MatrixElement }] = await Promise.all([
    import('chart.js'),
    import('chartjs-chart-matrix'),
  ]);
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, MatrixController, MatrixElement);
  return Chart;
}

let chartClass: Promise<typeof Chart> | null = null;

/**
 * A canvas chart. The canvas is an image to assistive technology (`label` says what it shows);
 * the same figures are always in a table beside it. In Arabic, legends and tooltips read
 * right to left and the caller mirrors the axes.
 */
export function ChartCanvas({ config, label, height = 260 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart | null = null;
    let cancelled = false;
    chartClass ??= loadChart();
    void chartClass.then((C) => {
      if (cancelled || !canvas.current) return;
      const rtl = LANGUAGES[currentLanguage()] === 'rtl';
      const plugins = config.options?.plugins ?? {};
      chart = new C(canvas.current, {
        ...config,
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          locale: currentLanguage(),
          ...config.options,
          plugins: { ...plugins, legend: { rtl, ...(plugins.legend ?? {}) }, tooltip: { rtl, ...(plugins.tooltip ?? {}) } },
        },
      } as ChartConfiguration);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [JSON.stringify(config.data), label]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
