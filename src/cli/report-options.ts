import { Option } from 'commander';
import type { Command } from 'commander';
import { TandemError } from '../domain/errors.js';
import { FUNNEL_UNITS } from '../domain/funnel-unit.js';
import type { FunnelUnit } from '../domain/funnel-unit.js';
import { REPORT_BASES } from '../domain/report-basis.js';

/** Options every accountability report shares: what is counted, and "now". */
export interface CommonReportOptions {
  readonly unit: FunnelUnit;
  readonly at?: string;
}

export function unitOption(): Option {
  return new Option('--unit <unit>', 'count people, or accounts (an account reaches a stage when its first person does)').choices(FUNNEL_UNITS).default('person');
}

export function basisOption(): Option {
  return new Option('--basis <basis>', 'cohort: units that entered the funnel in the period; flow: units that passed each stage in the period').choices(REPORT_BASES).default('cohort');
}

export function addCommonOptions(command: Command): Command {
  return command.addOption(unitOption()).option('--at <time>', 'the time SLA ageing is measured at (default: now)');
}

/** `--at` as a Date, or now. */
export function parseAt(at: string | undefined): Date {
  if (at === undefined) return new Date();
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) throw new TandemError('BAD_INPUT', `--at must be a time like 2024-07-01 or 2024-07-01T09:00:00Z, not "${at}"`, { place: { field: 'at' } });
  return d;
}

/** A positive amount from the command line (`3000000`, `3,000,000`, `3e6`). */
export function parseAmount(text: string, field: string): number {
  const n = Number(text.replace(/[,_\s]/g, ''));
  if (!Number.isFinite(n) || n <= 0) throw new TandemError('BAD_INPUT', `--${field} must be a positive amount, not "${text}"`, { place: { field } });
  return n;
}
