import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function distFile(pkg: string, file: string): string {
  // The packages' export maps name only their module builds; the browser (UMD) builds sit beside them in dist/.
  return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
}

let cached: string | null = null;

/** Chart.js and its matrix (heatmap) chart type, as browser scripts to inline: the report works offline. */
export function chartLibraryScripts(): string {
  cached ??= [distFile('chart.js', 'chart.umd.min.js'), distFile('chartjs-chart-matrix', 'chartjs-chart-matrix.min.js')]
    .map((code) => `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`)
    .join('\n');
  return cached;
}
