import type { AttributeValue } from '../domain/entities.js';
import type { FieldSpec, Mapping } from './mapping-schema.js';
import { RowError } from './convert-value.js';
import { headerKey } from './header-key.js';
import { snakeCase } from './snake-case.js';

type Scalar = string | number | boolean | null;

/** A mapping bound to one file's header: reads each field of a row, and the unmapped columns as attributes. */
export interface CompiledMapping {
  readonly mapping: Mapping;
  readonly file: string;
  /** Mapped columns the file lacks (their fields read as empty). */
  readonly missingColumns: readonly string[];
  /** Things about the header the user should know (duplicate column names). */
  readonly warnings: readonly string[];
  /** The field's value in a row (`row` is the spreadsheet row, for `rowNumber` fields). */
  read(values: readonly string[], field: string, row: number): Scalar;
  /** A field's cell text as exported, before its value map (e.g. the raw lifecycle stage). */
  rawText(values: readonly string[], field: string): string | null;
  /** A named column's cell (blank → null), for columns a mapping names outside `fields`. */
  column(values: readonly string[], name: string): string | null;
  attributes(values: readonly string[]): Record<string, AttributeValue>;
  /** How many columns `attributes` reads (0: it always returns an empty object). */
  readonly attributeColumns: number;
}

type FieldReader = (values: readonly string[], row: number) => Scalar;

/** Column positions by header key; a name that appears twice maps to its first column. */
function indexHeader(header: readonly string[]): { index: Map<string, number>; warnings: string[] } {
  const index = new Map<string, number>();
  const seen = new Map<string, number[]>();
  header.forEach((h, i) => {
    const key = headerKey(h);
    if (!index.has(key)) index.set(key, i);
    seen.set(key, [...(seen.get(key) ?? []), i + 1]);
  });
  const warnings = [...seen]
    .filter(([key, at]) => key !== '' && at.length > 1)
    .map(([, at]) => `the column "${header[at[0]! - 1]}" appears ${at.length} times (columns ${at.join(', ')}): the mapping reads the first; the others are kept as attributes with a _2, _3… suffix`);
  return { index, warnings };
}

/** Attribute keys for the columns no field reads: snake_case, made unique with a numeric suffix. */
function attributeColumns(header: readonly string[], used: ReadonlySet<number>): { key: string; i: number }[] {
  // Mapped columns keep their names taken, so a second "Email" becomes email_2, not email.
  const taken = new Set([...used].map((i) => snakeCase(header[i] ?? '')));
  const out: { key: string; i: number }[] = [];
  header.forEach((h, i) => {
    const base = snakeCase(h);
    if (base === '' || used.has(i)) return;
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    out.push({ key, i });
  });
  return out;
}

export function compileMapping(mapping: Mapping, file: string, header: readonly string[]): CompiledMapping {
  const { index, warnings } = indexHeader(header);
  const blanks = new Set(['', ...mapping.blank.map((b) => b.trim().toLowerCase())]);
  const used = new Set<number>();
  for (const col of [...mapping.ignore, ...Object.values(mapping.stageDates ?? {})]) {
    const i = index.get(headerKey(col));
    if (i !== undefined) used.add(i);
  }
  const missing: string[] = [];
  /** The position of each column a field reads (undefined when the file lacks it). */
  const locate = (field: string, spec: FieldSpec, columns: readonly string[], anyWillDo: boolean): (number | undefined)[] => {
    const at = columns.map((c) => index.get(headerKey(c)));
    at.forEach((i) => i !== undefined && used.add(i));
    const absent = columns.filter((_, k) => at[k] === undefined);
    if (absent.length > 0 && (!anyWillDo || absent.length === columns.length)) {
      const names = anyWillDo ? `any of the columns ${absent.map((c) => `"${c}"`).join(', ')}` : `the column "${absent[0]}"`;
      if (typeof spec !== 'string' && spec.required) throw new RowError(field, `the file has no ${names} (needed for ${field})`);
      missing.push(...(anyWillDo ? [absent.join(' / ')] : absent));
    }
    return at;
  };
  // A cell longer than every blank marker cannot be one: no lower-cased copy of it is needed.
  const longestBlank = Math.max(...[...blanks].map((b) => b.length));
  const cell = (values: readonly string[], i: number | undefined): string | null => {
    const v = i === undefined ? undefined : values[i];
    if (v === undefined) return null;
    const t = v.trim();
    if (t === '') return null;
    return t.length <= longestBlank && blanks.has(t.toLowerCase()) ? null : t;
  };
  const readers = new Map<string, FieldReader>();
  for (const [field, spec] of Object.entries(mapping.fields)) {
    readers.set(field, fieldReader(field, spec, locate, cell));
  }
  const attributes = attributeColumns(header, used);

  return {
    mapping,
    file,
    missingColumns: missing,
    warnings,
    column: (values, name) => cell(values, index.get(headerKey(name))),
    rawText(values, field) {
      const spec = mapping.fields[field];
      if (spec === undefined) return null;
      if (typeof spec !== 'string' && spec.constant !== undefined) return spec.constant === null ? null : String(spec.constant);
      const cols = typeof spec === 'string' ? [spec] : [...(spec.column ? [spec.column] : []), ...(spec.columns ?? [])];
      const parts = cols.map((c) => cell(values, index.get(headerKey(c)))).filter((x): x is string => x !== null);
      return parts.length > 0 ? parts.join(' ') : null;
    },
    read(values, field, row) {
      const reader = readers.get(field);
      return reader ? reader(values, row) : null;
    },
    attributeColumns: attributes.length,
    attributes(values) {
      const out: Record<string, AttributeValue> = {};
      for (const c of attributes) {
        const v = cell(values, c.i);
        if (v !== null) out[c.key] = v;
      }
      return out;
    },
  };
}

type Locate = (field: string, spec: FieldSpec, columns: readonly string[], anyWillDo: boolean) => (number | undefined)[];
type Cell = (values: readonly string[], i: number | undefined) => string | null;

/** Compiles one field spec to a function of the row: the source read, then the value map, then `required`. */
function fieldReader(field: string, spec: FieldSpec, locate: Locate, cell: Cell): FieldReader {
  let source: FieldReader;
  if (typeof spec === 'string') {
    const [i] = locate(field, spec, [spec], false);
    source = (values) => cell(values, i);
  } else if (spec.constant !== undefined) {
    const constant = spec.constant;
    source = () => constant;
  } else if (spec.rowNumber) {
    source = (_values, row) => String(row);
  } else if (spec.firstOf) {
    const at = locate(field, spec, spec.firstOf, true);
    source = (values) => {
      for (const i of at) {
        const v = cell(values, i);
        if (v !== null) return v;
      }
      return null;
    };
  } else {
    const at = locate(field, spec, [...(spec.column ? [spec.column] : []), ...(spec.columns ?? [])], false);
    source = (values) => {
      const parts = at.map((i) => cell(values, i)).filter((x): x is string => x !== null);
      return parts.length > 0 ? parts.join(' ') : null;
    };
  }
  if (typeof spec === 'string') return source;
  const map = spec.map ? new Map(Object.entries(spec.map).map(([k, v]) => [k.trim().toLowerCase(), v])) : null;
  const { otherwise, required } = spec;
  return (values, row) => {
    let raw = source(values, row);
    if (map && raw !== null) {
      const hit = map.get(String(raw).trim().toLowerCase());
      if (hit !== undefined) raw = hit;
      else if (otherwise !== undefined) raw = otherwise;
    }
    if (raw === null && required) throw new RowError(field, `${field} is empty`);
    return raw;
  };
}

/** The date formats for a field: its own first, then the mapping's. */
export function formatsFor(mapping: Mapping, field: string): string[] {
  const spec = mapping.fields[field];
  return [...(spec && typeof spec !== 'string' ? (spec.formats ?? []) : []), ...mapping.dateFormats];
}
