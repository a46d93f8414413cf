import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * An oracle for the hand-built company in test/fixtures/small-funnel: each person's stage times
 * read straight from the CSVs with plain code (not Tandem's), so tests compare Tandem's figures
 * with figures computed independently.
 */
export const SMALL_FUNNEL = join(import.meta.dirname, 'fixtures', 'small-funnel');

export const STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const;
export type Stage = (typeof STAGES)[number];

export interface OraclePerson {
  readonly id: string;
  readonly domain: string | null;
  readonly owner: string | null;
  readonly source: string;
  /** Time each stage was reached (ISO); absent when not reached. Every stage of this data set has its own time. */
  readonly at: Partial<Record<Stage, string>>;
}

export interface OracleDeal {
  readonly person: string;
  readonly amount: number;
  readonly status: 'won' | 'lost';
  readonly closed: string;
}

const rows = (file: string): Record<string, string>[] => parse(readFileSync(join(SMALL_FUNNEL, file)), { columns: true }) as Record<string, string>[];
const iso = (t: string): string => new Date(t).toISOString();

export function smallFunnel(): { persons: OraclePerson[]; deals: OracleDeal[] } {
  const stages = rows('stages.csv');
  const deals = rows('deals.csv');
  const persons = rows('persons.csv').map((p) => {
    const at: Partial<Record<Stage, string>> = { inquiry: iso(p.created!) };
    for (const s of stages.filter((x) => x.person === p.id)) at[s.stage as Stage] = iso(s.at!);
    const deal = deals.find((d) => d.person === p.id);
    if (deal) {
      at.opportunity = iso(deal.created!);
      if (deal.status === 'won') at.won = iso(deal.closed!);
    }
    return { id: p.id!, domain: p.email ? p.email.split('@')[1]! : null, owner: p.owner || null, source: p.source!, at };
  });
  return {
    persons,
    deals: deals.map((d) => ({ person: d.person!, amount: Number(d.amount), status: d.status as 'won' | 'lost', closed: iso(d.closed!) })),
  };
}

export const DAY = 86_400_000;
export const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / DAY;

/** Linear-interpolation percentile (as SQLite's percentile() and PostgreSQL's percentile_cont). */
export function percentile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const pos = fraction * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
