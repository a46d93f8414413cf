import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import { csvSafe } from './csv-safe.js';
import type { OutputFormat, TableData } from './table-data.js';

function cell(v: string | number | null): string {
  if (v === null) return '—';
  return typeof v === 'number' ? formatNumber(v) : v;
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function asTable(t: TableData): string {
  const table = new Table({
    head: [...t.columns],
    style: { head: [], border: [], compact: true },
    colAligns: t.columns.map((_, i) => (t.rows.some((r) => typeof r[i] === 'number') ? 'right' : 'left')),
  });
  for (const r of t.rows) table.push(r.map(cell));
  return [t.title, table.toString(), ...(t.notes ?? [])].join('\n');
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function asMarkdown(t: TableData): string {
  const head = `| ${t.columns.map(mdEscape).join(' | ')} |`;
  const rule = `| ${t.columns.map(() => '---').join(' | ')} |`;
  const body = t.rows.map((r) => `| ${r.map((v) => mdEscape(cell(v))).join(' | ')} |`);
  return [`### ${t.title}`, '', head, rule, ...body, ...(t.notes?.length ? ['', ...t.notes] : [])].join('\n');
}

function asCsv(tables: readonly TableData[]): string {
  // One CSV: the first column names the table, so several tables stay machine-readable.
  const rows: (string | number)[][] = [];
  for (const t of tables) {
    rows.push(['table', ...t.columns]);
    for (const r of t.rows) rows.push([t.title, ...r.map(csvSafe)]);
  }
  return stringify(rows.map((r) => r.map(csvSafe)));
}

/** Renders report tables (or the JSON value) in the chosen format. */
export function render(format: OutputFormat, tables: readonly TableData[], json: unknown): string {
  switch (format) {
    case 'json':
      return JSON.stringify(json, null, 2);
    case 'csv':
      return asCsv(tables);
    case 'md':
      return tables.map(asMarkdown).join('\n\n');
    case 'table':
      return tables.map(asTable).join('\n\n');
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
