import type { AttributeValue } from '../entities.js';
import { isAbsent, toNumber } from './field-value.js';

/** One value (or numeric range, or "missing") of one field, with how many people had it and how many reached the outcome. */
export interface ValueCount {
  readonly field: string;
  /** The value as first seen (text compares case-insensitively); null for the missing bucket and for ranges. */
  readonly value: string | number | boolean | null;
  /** For a numeric field: the range [gte, lt). */
  readonly range: { readonly gte?: number; readonly lt?: number } | null;
  readonly n: number;
  readonly outcomes: number;
}

interface FieldState {
  readonly counts: Map<string, { value: string | number | boolean; n: number; outcomes: number }>;
  overflow: boolean;
  numeric: boolean;
  readonly numbers: number[];
  readonly numberOutcomes: boolean[];
  present: number;
  presentOutcomes: number;
}

export interface ValueStatsOptions {
  /** A field with more distinct values than this is an identifier or free text: not a profile trait. */
  readonly maxDistinct: number;
  /** Numeric fields with more distinct values than this are split into ranges. */
  readonly binAbove: number;
  readonly bins: number;
}

const DEFAULTS: ValueStatsOptions = { maxDistinct: 200, binAbove: 12, bins: 5 };

/** Counts, per field value, people and outcomes: the raw material of `profile suggest`. */
export class ValueStats {
  private readonly fields = new Map<string, FieldState>();
  private total = 0;
  private totalOutcomes = 0;
  private readonly options: ValueStatsOptions;

  constructor(options: Partial<ValueStatsOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  get people(): number {
    return this.total;
  }
  get outcomes(): number {
    return this.totalOutcomes;
  }

  add(values: Readonly<Record<string, AttributeValue | undefined>>, outcome: boolean): void {
    this.total++;
    if (outcome) this.totalOutcomes++;
    for (const [field, v] of Object.entries(values)) {
      if (isAbsent(v)) continue;
      let s = this.fields.get(field);
      if (!s) {
        s = { counts: new Map(), overflow: false, numeric: true, numbers: [], numberOutcomes: [], present: 0, presentOutcomes: 0 };
        this.fields.set(field, s);
      }
      s.present++;
      if (outcome) s.presentOutcomes++;
      if (s.numeric) {
        const num = typeof v === 'boolean' ? Number.NaN : toNumber(v);
        if (Number.isFinite(num)) {
          s.numbers.push(num);
          s.numberOutcomes.push(outcome);
        } else {
          s.numeric = false;
          s.numbers.length = 0;
          s.numberOutcomes.length = 0;
        }
      }
      if (s.overflow) continue;
      const key = typeof v === 'string' ? v.trim().toLowerCase() : String(v);
      const c = s.counts.get(key);
      if (c) {
        c.n++;
        if (outcome) c.outcomes++;
      } else if (s.counts.size >= this.options.maxDistinct) {
        s.overflow = true;
      } else {
        s.counts.set(key, { value: typeof v === 'string' ? v.trim() : v, n: 1, outcomes: outcome ? 1 : 0 });
      }
    }
  }

  /** Every value, range and missing bucket of every usable field. */
  counts(): ValueCount[] {
    const out: ValueCount[] = [];
    for (const [field, s] of [...this.fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const distinct = s.overflow ? Number.POSITIVE_INFINITY : s.counts.size;
      if (s.numeric && distinct > this.options.binAbove) {
        const ranges = this.ranges(field, s);
        if (ranges.length === 0) continue;
        out.push(...ranges);
      } else if (!s.overflow && distinct > 1) {
        for (const c of s.counts.values()) out.push({ field, value: c.value, range: null, n: c.n, outcomes: c.outcomes });
      } else if (s.overflow) continue;
      const missing = this.total - s.present;
      if (missing > 0) out.push({ field, value: null, range: null, n: missing, outcomes: this.totalOutcomes - s.presentOutcomes });
    }
    return out;
  }

  private ranges(field: string, s: FieldState): ValueCount[] {
    const sorted = [...s.numbers].sort((a, b) => a - b);
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    // Nearly one value per person: an identifier (a lead number), not a trait.
    if (distinct > 0.9 * sorted.length) return [];
    const cuts = new Set<number>();
    for (let i = 1; i < this.options.bins; i++) cuts.add(sorted[Math.floor((i / this.options.bins) * sorted.length)]!);
    cuts.delete(sorted[0]!);
    const edges = [...cuts].sort((a, b) => a - b);
    const bins = Array.from({ length: edges.length + 1 }, () => ({ n: 0, outcomes: 0 }));
    s.numbers.forEach((x, i) => {
      let b = 0;
      while (b < edges.length && x >= edges[b]!) b++;
      bins[b]!.n++;
      if (s.numberOutcomes[i]) bins[b]!.outcomes++;
    });
    return bins.map((b, i) => ({
      field,
      value: null,
      range: { ...(i > 0 ? { gte: edges[i - 1]! } : {}), ...(i < edges.length ? { lt: edges[i]! } : {}) },
      n: b.n,
      outcomes: b.outcomes,
    }));
  }
}
