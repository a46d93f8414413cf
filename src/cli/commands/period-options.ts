import type { Command } from 'commander';
import { parsePeriod } from '../../app/period-spec.js';
import { TandemError } from '../../domain/errors.js';

export interface PeriodOptions {
  readonly from?: string;
  readonly to?: string;
  readonly period?: string;
}

/** `--from/--to` dates or one `--period` (2024-Q2, 2024-05, FROM..TO): people who entered the funnel then. */
export function periodOptions(command: Command): Command {
  return command
    .option('--from <date>', 'people who entered the funnel on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'people who entered the funnel on or before this date (YYYY-MM-DD)')
    .option('--period <period>', 'instead of --from/--to: a quarter (2024-Q2), month (2024-05), year, or FROM..TO');
}

export function resolvePeriod(opts: PeriodOptions): { from: string | null; to: string | null } {
  if (opts.period !== undefined) {
    if (opts.from !== undefined || opts.to !== undefined) {
      throw new TandemError('BAD_INPUT', 'give either --period or --from/--to, not both', { place: { field: 'period' } });
    }
    const p = parsePeriod(opts.period, 'period');
    return { from: p.from, to: p.to };
  }
  return { from: opts.from ?? null, to: opts.to ?? null };
}
