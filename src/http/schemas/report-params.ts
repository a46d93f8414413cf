import { z } from 'zod';
import { parsePeriod } from '../../app/period-spec.js';
import { FUNNEL_UNITS } from '../../domain/funnel-unit.js';
import { isoDate, isoDateTime } from './common.js';

/** A person field or an imported column (snake_case) to split by; never SQL. */
export const field = z.string().regex(/^[\p{L}\p{N}_]{1,64}$/u, 'a field name: letters, digits and _ (e.g. source, owner, country)');

/**
 * A period as the CLI takes it: a quarter (2024-Q2), a month (2024-05), a year, a date, or
 * FROM..TO. Checked here so a bad one is a 400 naming the parameter; the use case parses it again.
 */
export const period = z
  .string()
  .max(50)
  .superRefine((text, ctx) => {
    try {
      parsePeriod(text, 'period');
    } catch (e) {
      // The use case's message starts with the CLI option's name; the error handler names the parameter.
      ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^--\S+ /, '') });
    }
  })
  .describe('a quarter (2024-Q2), a month (2024-05), a year (2024), a date, or FROM..TO (2024-01-01..2024-06-30)');

/** "Now" for a report: a time or a date (UTC midnight); default the time of the request. */
export const at = isoDateTime.optional().describe('the time the report is for, e.g. 2024-07-01T09:00:00Z or 2024-07-01 (default: now)');

export const unit = z.enum(FUNNEL_UNITS).default('person').describe('count people, or accounts (an account reaches a stage when its first person does)');

/** `from`/`to` dates or one `period`, as `--from/--to/--period` on the CLI. */
export const periodRange = {
  from: isoDate.optional().describe('people who entered the funnel on or after this date'),
  to: isoDate.optional().describe('people who entered the funnel on or before this date'),
  period: period.optional().describe('instead of from/to: a quarter (2024-Q2), month (2024-05), year, or FROM..TO'),
};

/** A query-string flag: `true`/`1` or `false`/`0`. */
export const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1')
  .describe('true or false');

/** A positive amount in major units (3000000, not 3,000,000). */
export const amount = z.coerce
  .number({ error: 'a positive amount in major units, digits only (e.g. 3000000)' })
  .finite()
  .positive('a positive amount in major units (e.g. 3000000)')
  .max(1e15);

/** `at` as a Date (now when absent). */
export function atDate(value: string | undefined): Date {
  return value === undefined ? new Date() : new Date(value);
}

/** `at` as a UTC ISO string (now when absent), as the follow-up use cases take it. */
export function atIso(value: string | undefined): string {
  return atDate(value).toISOString();
}

/** The refinement for a querystring with `periodRange`: either `period` or `from`/`to`, not both. */
export function onePeriodForm(q: { period?: string; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or from/to, not both' });
  }
}

/** The first and last day a `periodRange` query asks for. */
export function rangeOf(q: { period?: string; from?: string; to?: string }): { from: string | null; to: string | null } {
  if (q.period !== undefined) {
    const p = parsePeriod(q.period, 'period');
    return { from: p.from, to: p.to };
  }
  return { from: q.from ?? null, to: q.to ?? null };
}
