import { stringify } from 'yaml';
import { z } from 'zod';
import { contentPieceSchema } from '../config/content-catalogue-schema.js';
import { parseContentCatalogue } from '../config/load-content-catalogue.js';
import { readTextFile } from '../config/load-funnel-model.js';
import { parseValidatedYaml } from '../config/validated-yaml.js';
import { TandemError } from '../domain/errors.js';
import type { ContentCatalogue } from '../domain/content/content-catalogue.js';
import { openCsv } from './read-csv.js';

const FIELDS = ['id', 'title', 'url', 'aliases', 'type', 'stages', 'grades', 'team', 'language', 'since', 'until'] as const;
const LIST_FIELDS = new Set<string>(['aliases', 'stages', 'grades']);

/** The YAML shape of a content mapping file: which CSV column holds each field, and value translations. */
export const contentMappingSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).default('content'),
  defaultLanguage: z.string().regex(/^[a-z]{2}$/).default('en'),
  columns: z.partialRecord(z.enum(FIELDS), z.string().min(1)).refine((c) => c.id && c.title && c.type && c.stages && c.team, 'must name the columns of id, title, type, stages and team'),
  /** Separators between the items of a list cell (stages, grades, aliases). */
  separator: z.string().min(1).default(';'),
  /** Per field, cell text → catalogue value (e.g. type: { "Case Study": case_study }); matched case-insensitively. */
  values: z.partialRecord(z.enum(FIELDS), z.record(z.string(), z.string())).default({}),
  /** Values for fields no column holds. */
  defaults: z.partialRecord(z.enum(FIELDS), z.union([z.string(), z.array(z.string())])).default({}),
});

export interface ContentCsvResult {
  readonly catalogue: ContentCatalogue;
  readonly yaml: string;
  readonly rejects: readonly { readonly row: number; readonly field: string; readonly message: string }[];
}

/**
 * Reads pieces from a CSV export (a DAM, a spreadsheet) through a mapping file. A bad row is
 * rejected with its row, field and why; the good rows make the catalogue.
 */
export async function importContentCsv(csvFile: string, mappingFile: string): Promise<ContentCsvResult> {
  const mapping = parseValidatedYaml(readTextFile(mappingFile), contentMappingSchema, mappingFile, 'MAPPING_INVALID');
  const csv = await openCsv(csvFile);
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (!csv.header.includes(column)) {
      throw new TandemError('MAPPING_INVALID', `${mappingFile}: columns.${field} names "${column}", which ${csvFile} does not have (its columns: ${csv.header.join(', ')})`, { place: { file: mappingFile, field: `columns.${field}` } });
    }
  }
  const translate = (field: string, v: string): string => {
    const table = mapping.values[field as (typeof FIELDS)[number]];
    if (!table) return v;
    const hit = Object.entries(table).find(([k]) => k.toLowerCase() === v.toLowerCase());
    return hit ? hit[1] : v;
  };
  const split = new RegExp(`[${mapping.separator.replace(/[\]\\^-]/g, '\\$&')}]`);
  const pieces: unknown[] = [];
  const ids = new Set<string>();
  const rejects: { row: number; field: string; message: string }[] = [];
  for await (const item of csv.rows()) {
    if (item.kind === 'bad') {
      rejects.push({ row: item.row, field: '(row)', message: item.reason });
      continue;
    }
    const raw: Record<string, unknown> = { ...mapping.defaults };
    for (const [field, column] of Object.entries(mapping.columns)) {
      const cell = (item.values[csv.header.indexOf(column)] ?? '').trim();
      if (cell === '') continue;
      raw[field] = LIST_FIELDS.has(field) ? cell.split(split).map((s) => translate(field, s.trim())).filter(Boolean) : translate(field, cell);
    }
    const parsed = contentPieceSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '(row)');
      const column = mapping.columns[field as (typeof FIELDS)[number]];
      rejects.push({ row: item.row, field: column ? `${field} (column "${column}")` : field, message: issue.message });
      continue;
    }
    if (ids.has(parsed.data.id)) {
      rejects.push({ row: item.row, field: 'id', message: `piece "${parsed.data.id}" appears on an earlier row` });
      continue;
    }
    ids.add(parsed.data.id);
    pieces.push(raw);
  }
  if (pieces.length === 0) throw new TandemError('BAD_INPUT', `${csvFile}: no good row (${rejects.length} rejected${rejects[0] ? `; row ${rejects[0].row}, ${rejects[0].field}: ${rejects[0].message}` : ''})`, { place: { file: csvFile } });
  const yaml = `# Imported from ${csvFile} with ${mappingFile}\n${stringify({ id: mapping.id, defaultLanguage: mapping.defaultLanguage, pieces })}`;
  return { catalogue: parseContentCatalogue(yaml, `${csvFile} (imported)`), yaml, rejects };
}
