import { DateTime } from 'luxon';
import { TandemError } from '../domain/errors.js';

/** A named span of calendar days (UTC, both ends inclusive), e.g. 2024-Q2. */
export interface Period {
  /** What the user wrote, normalised (e.g. `2024-Q2`, `2024-05`, `2024-01-01..2024-06-30`). */
  readonly label: string;
  /** First day, YYYY-MM-DD, or null for "since the beginning". */
  readonly from: string | null;
  /** Last day, YYYY-MM-DD, or null for "until now". */
  readonly to: string | null;
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-?Q([1-4])$/i;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const iso = (d: DateTime): string => d.toISODate()!;

/** One side of a period: a year, quarter, month or day, as its first and last day. */
function span(text: string, field: string): { from: string; to: string; label: string } {
  const utc = { zone: 'utc' } as const;
  let m = YEAR.exec(text);
  if (m) {
    const start = DateTime.fromObject({ year: Number(m[1]) }, utc);
    return { from: iso(start), to: iso(start.endOf('year')), label: text };
  }
  m = QUARTER.exec(text);
  if (m) {
    const start = DateTime.fromObject({ year: Number(m[1]), month: (Number(m[2]) - 1) * 3 + 1 }, utc);
    return { from: iso(start), to: iso(start.endOf('quarter')), label: `${m[1]}-Q${m[2]}` };
  }
  m = MONTH.exec(text);
  if (m) {
    const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]) }, utc);
    if (!start.isValid) throw bad(text, field, `month ${m[2]} does not exist`);
    return { from: iso(start), to: iso(start.endOf('month')), label: text };
  }
  if (DAY.test(text)) {
    const day = DateTime.fromISO(text, utc);
    if (!day.isValid) throw bad(text, field, `${text} is not a calendar date`);
    return { from: text, to: text, label: text };
  }
  throw bad(text, field);
}

function bad(text: string, field: string, why?: string): TandemError {
  const hint = 'a quarter (2024-Q2), a month (2024-05), a year (2024), a date (2024-05-03) or FROM..TO (2024-01-01..2024-06-30)';
  return new TandemError('BAD_INPUT', `--${field} "${text}" is not a period${why ? ` (${why})` : ''}: give ${hint}`, { place: { field } });
}

/**
 * Parses a period as people write it: `2024-Q2`, `2024-05`, `2024`, `2024-05-03`, or
 * `FROM..TO` where each side is any of those (or empty for an open end): `2024-Q1..2024-Q2`.
 * `field` names the option in error messages.
 */
export function parsePeriod(text: string, field = 'period'): Period {
  const trimmed = text.trim();
  if (trimmed.includes('..')) {
    const parts = trimmed.split('..');
    if (parts.length !== 2) throw bad(text, field, 'use one ".."');
    const [left, right] = parts.map((p) => p.trim()) as [string, string];
    if (!left && !right) throw bad(text, field, 'both ends are empty');
    const from = left ? span(left, field).from : null;
    const to = right ? span(right, field).to : null;
    if (from && to && from > to) throw bad(text, field, `${from} is after ${to}`);
    return { label: `${left ? span(left, field).label : ''}..${right ? span(right, field).label : ''}`, from, to };
  }
  return span(trimmed, field);
}

/** The number of days a period covers (both ends inclusive), or null when an end is open. */
export function periodDays(period: { from: string | null; to: string | null }): number | null {
  if (!period.from || !period.to) return null;
  return DateTime.fromISO(period.to, { zone: 'utc' }).diff(DateTime.fromISO(period.from, { zone: 'utc' }), 'days').days + 1;
}
