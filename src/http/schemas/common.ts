import { z } from 'zod';
import { AUDIT_SORTS } from '../../app/ports/audit-store.js';
import { MAX_PAGE } from '../../app/audit.js';

/** A short piece of text: trimmed, not empty, bounded. */
export const text = (max = 500) => z.string().trim().min(1).max(max);

/** ISO-8601 date-time with an offset (Z or ±hh:mm), or a plain date. */
export const isoDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).describe('ISO-8601, e.g. 2024-03-31T14:00:00Z');

export const isoDate = z.iso.date().describe('a date, YYYY-MM-DD');

export const attributes = z
  .record(z.string().min(1).max(100), z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]))
  .refine((o) => Object.keys(o).length <= 200, 'at most 200 attributes')
  .describe('extra fields kept as they are (reports can split by them)');

export const page = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

export const idParam = z.object({ id: z.string().min(1).max(200) });

export const auditSort = z.enum(AUDIT_SORTS).default('-at');

/** A response documented in words (see docs/api.md) rather than field by field. */
export const documented = (what: string) => z.unknown().describe(what);
