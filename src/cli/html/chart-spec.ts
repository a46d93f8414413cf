/**
 * A chart for the HTML report: a Chart.js configuration (plain JSON: data and options),
 * drawn in the browser by the inlined Chart.js. Matrix charts (heatmaps, chartjs-chart-matrix)
 * get their cell sizes and tooltips from the page script, since functions are not JSON.
 */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** A sentence under the title: how to read the chart. */
  readonly caption?: string;
  readonly config: ChartConfig;
  /** Height in CSS pixels (default 320). */
  readonly height?: number;
}

export interface ChartConfig {
  readonly type: 'bar' | 'line' | 'matrix';
  readonly data: { readonly labels?: readonly string[]; readonly datasets: readonly Record<string, unknown>[] };
  readonly options?: Record<string, unknown>;
  /** For matrix charts: the grid size and how to format a cell's value in tooltips. */
  readonly matrix?: { readonly columns: number; readonly rows: number; readonly valueFormat: 'percent' | 'number' };
}
