import type { ComparisonRow } from '../demo/half-comparison.js';
import { describeChange, describePoints } from '../demo/half-comparison.js';
import type { TableData } from './table-data.js';

const pct = (v: number | null): string | null => (v === null ? null : `${(v * 100).toFixed(1)}%`);
const money = (v: number | null): string | null => (v === null ? null : `$${Math.round(v).toLocaleString('en-US')}`);

/** Before/after rows as a table: values, the change, and the target of each conversion. */
export function comparisonTable(title: string, rows: readonly ComparisonRow[]): TableData {
  return {
    title,
    columns: ['', 'H1 (before)', 'H2 (after)', 'change', 'target'],
    rows: rows.map((r) => {
      switch (r.kind) {
        case 'count':
          return [r.label, r.before, r.after, describeChange(r.before, r.after), null];
        case 'money':
          return [r.label, money(r.before), money(r.after), describeChange(r.before, r.after), null];
        case 'rate':
          return [r.label, pct(r.before), pct(r.after), describePoints(r.before, r.after), pct(r.target)];
        default: {
          const never: never = r.kind;
          throw new Error(`unknown figure kind ${String(never)}`);
        }
      }
    }),
  };
}
