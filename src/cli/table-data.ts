/** A report as tables: every text format (table, csv, md, html) renders these. */
export interface TableData {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly notes?: readonly string[];
}

export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'md', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
