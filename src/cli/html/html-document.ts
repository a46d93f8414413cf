import type { TableData } from '../table-data.js';
import type { ChartSpec } from './chart-spec.js';
import { chartLibraryScripts } from './chart-library.js';

export interface HtmlReport {
  readonly title: string;
  readonly subtitle?: string;
  readonly charts: readonly ChartSpec[];
  readonly tables: readonly TableData[];
  /** Sentences shown before the charts (e.g. diagnosis findings). */
  readonly highlights?: readonly string[];
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function cellText(v: string | number | null): string {
  if (v === null) return '—';
  return typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v;
}

function table(t: TableData): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const rows = t.rows
    .map((r) => `<tr>${r.map((v) => `<td dir="auto"${typeof v === 'number' ? ' class="num"' : ''}>${escapeHtml(cellText(v))}</td>`).join('')}</tr>`)
    .join('\n');
  const notes = (t.notes ?? []).map((n) => `<p class="note" dir="auto">${escapeHtml(n)}</p>`).join('');
  return `<section class="table"><h2 dir="auto">${escapeHtml(t.title)}</h2><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>${notes}</section>`;
}

function chart(c: ChartSpec): string {
  const caption = c.caption ? `<p class="caption">${escapeHtml(c.caption)}</p>` : '';
  return `<section class="chart"><h2>${escapeHtml(c.title)}</h2>${caption}<div class="canvas" style="height:${c.height ?? 320}px"><canvas id="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}"></canvas></div></section>`;
}

/** JSON safe inside a <script> element (no "</script>", no HTML comment openers). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2430}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin:1.6rem 0 .4rem}.sub{color:#5b6472;margin-top:0}
.highlights{background:#fff7e6;border-left:4px solid #f0a500;padding:.6rem 1rem}.highlights li{margin:.3rem 0}
.canvas{position:relative;width:100%}.caption,.note{color:#5b6472;font-size:.9rem;margin:.2rem 0}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #e3e6ea;padding:.3rem .6rem;text-align:left}
th{background:#f5f7f9}td.num{text-align:right;font-variant-numeric:tabular-nums}
footer{margin-top:2rem;color:#8a93a0;font-size:.8rem}`;

// Runs in the browser: draws every chart; matrix cells are sized to the grid and tooltips formatted.
const BOOT = `
(function(){
  var specs = JSON.parse(document.getElementById('tandem-charts').textContent);
  specs.forEach(function(spec){
    var cfg = spec.config, m = cfg.matrix;
    if (m) {
      cfg.data.datasets.forEach(function(ds){
        ds.width = function(ctx){ var a = ctx.chart.chartArea; return a ? a.width / m.columns - 2 : 0; };
        ds.height = function(ctx){ var a = ctx.chart.chartArea; return a ? a.height / m.rows - 2 : 0; };
      });
      cfg.options = cfg.options || {};
      cfg.options.plugins = cfg.options.plugins || {};
      cfg.options.plugins.tooltip = { callbacks: {
        title: function(items){ var r = items[0].raw; return r.y + ' · ' + r.x; },
        label: function(item){ var v = item.raw.v; if (v === null || v === undefined) return 'not yet observed';
          return m.valueFormat === 'percent' ? (v * 100).toFixed(1) + '%' : String(v); }
      } };
    }
    delete cfg.matrix;
    cfg.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, cfg.options || {});
    new Chart(document.getElementById(spec.id), cfg);
  });
  document.body.setAttribute('data-charts-drawn', String(specs.length));
})();`;

/** One self-contained HTML file: styles, data, Chart.js and the charts, nothing fetched — it can be emailed. */
export function htmlDocument(report: HtmlReport, generatedAt: Date = new Date()): string {
  const highlights = report.highlights?.length
    ? `<ul class="highlights">${report.highlights.map((h) => `<li dir="auto">${escapeHtml(h)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
${report.subtitle ? `<p class="sub" dir="auto">${escapeHtml(report.subtitle)}</p>` : ''}
${highlights}
${report.charts.map(chart).join('\n')}
${report.tables.map(table).join('\n')}
<footer>Made by Tandem on ${escapeHtml(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC. Charts drawn with Chart.js (MIT).</footer>
<script type="application/json" id="tandem-charts">${scriptJson(report.charts)}</script>
${chartLibraryScripts()}
<script>${BOOT}</script>
</body>
</html>
`;
}
