import { TandemError } from '../domain/errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(name: string, value: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new TandemError('BAD_INPUT', `--${name} must be a date like 2024-06-30, not "${value}"`, { place: { field: name } });
  }
}

/** Inclusive calendar dates (UTC) to a half-open ISO range. */
export function periodBounds(from: string | null, to: string | null): { fromIso: string | null; toIsoExclusive: string | null } {
  if (from) check('from', from);
  if (to) check('to', to);
  if (from && to && from > to) throw new TandemError('BAD_INPUT', `--from ${from} is after --to ${to}`, { place: { field: 'from' } });
  const fromIso = from ? new Date(`${from}T00:00:00.000Z`).toISOString() : null;
  const toIsoExclusive = to ? new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString() : null;
  return { fromIso, toIsoExclusive };
}
