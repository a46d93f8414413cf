import type { AttributeValue } from '../domain/entities.js';
import type { FieldSpec, Mapping } from './mapping-schema.js';
import { RowError } from './convert-value.js';
import { snakeCase } from './snake-case.js';

type Scalar = string | number | boolean | null;

/** A mapping bound to one file's header: reads each field of a row, and the unmapped columns as attributes. */
export interface CompiledMapping {
  readonly mapping: Mapping;
  readonly file: string;
  /** Mapped columns the file lacks (their fields read as empty). */
  readonly missingColumns: readonly string[];
  read(values: readonly string[], field: string): Scalar;
  /** A field's cell text as exported, before its value map (e.g. the raw lifecycle stage). */
  rawText(values: readonly string[], field: string): string | null;
  /** A named column's cell (blank → null), for columns a mapping names outside `fields`. */
  column(values: readonly string[], name: string): string | null;
  attributes(values: readonly string[]): Record<string, AttributeValue>;
}

function specColumns(spec: FieldSpec): string[] {
  if (typeof spec === 'string') return [spec];
  return [...(spec.column ? [spec.column] : []), ...(spec.columns ?? [])];
}

export function compileMapping(mapping: Mapping, file: string, header: readonly string[]): CompiledMapping {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h.trim())) index.set(h.trim(), i);
  });
  const blanks = new Set(['', ...mapping.blank.map((b) => b.trim().toLowerCase())]);
  const used = new Set<string>([...mapping.ignore, ...Object.values(mapping.stageDates ?? {})]);
  const missing: string[] = [];
  for (const [field, spec] of Object.entries(mapping.fields)) {
    for (const col of specColumns(spec)) {
      used.add(col);
      if (!index.has(col)) {
        if (typeof spec !== 'string' && spec.required) {
          throw new RowError(field, `the file has no column "${col}" (needed for ${field})`);
        }
        missing.push(col);
      }
    }
  }
  const maps = new Map<string, Map<string, Scalar>>();
  for (const [field, spec] of Object.entries(mapping.fields)) {
    if (typeof spec !== 'string' && spec.map) {
      maps.set(field, new Map(Object.entries(spec.map).map(([k, v]) => [k.trim().toLowerCase(), v])));
    }
  }
  const cell = (values: readonly string[], column: string): string | null => {
    const i = index.get(column);
    const v = i === undefined ? undefined : values[i];
    if (v === undefined) return null;
    const t = v.trim();
    return blanks.has(t.toLowerCase()) ? null : t;
  };
  const attributeColumns = header
    .map((h, i) => ({ name: h.trim(), key: snakeCase(h), i }))
    .filter((c) => c.key !== '' && !used.has(c.name));

  return {
    mapping,
    file,
    missingColumns: missing,
    column: cell,
    read(values, field) {
      const spec = mapping.fields[field];
      if (spec === undefined) return null;
      let raw: Scalar;
      if (typeof spec === 'string') raw = cell(values, spec);
      else if (spec.constant !== undefined) raw = spec.constant;
      else {
        const parts = specColumns(spec).map((c) => cell(values, c)).filter((x): x is string => x !== null);
        raw = parts.length > 0 ? parts.join(' ') : null;
      }
      const map = maps.get(field);
      if (map && raw !== null) {
        const hit = map.get(String(raw).trim().toLowerCase());
        if (hit !== undefined) raw = hit;
        else if (typeof spec !== 'string' && spec.otherwise !== undefined) raw = spec.otherwise;
      }
      if (raw === null && typeof spec !== 'string' && spec.required) throw new RowError(field, `${field} is empty`);
      return raw;
    },
    rawText(values, field) {
      const spec = mapping.fields[field];
      if (spec === undefined) return null;
      if (typeof spec !== 'string' && spec.constant !== undefined) return spec.constant === null ? null : String(spec.constant);
      const parts = specColumns(spec).map((c) => cell(values, c)).filter((x): x is string => x !== null);
      return parts.length > 0 ? parts.join(' ') : null;
    },
    attributes(values) {
      const out: Record<string, AttributeValue> = {};
      for (const c of attributeColumns) {
        const v = values[c.i];
        if (v === undefined) continue;
        const t = v.trim();
        if (!blanks.has(t.toLowerCase())) out[c.key] = t;
      }
      return out;
    },
  };
}

/** The date formats for a field: its own first, then the mapping's. */
export function formatsFor(mapping: Mapping, field: string): string[] {
  const spec = mapping.fields[field];
  return [...(spec && typeof spec !== 'string' ? (spec.formats ?? []) : []), ...mapping.dateFormats];
}
