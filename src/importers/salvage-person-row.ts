import { isStage } from '../domain/stage.js';
import type { RejectedPersonRow } from '../app/ports/import-records.js';
import type { CompiledMapping } from './compiled-mapping.js';
import { formatsFor } from './compiled-mapping.js';
import { parseDate } from './convert-value.js';

function attempt<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/**
 * What can still be read of a persons row that was rejected: its system counted it, so
 * reconciliation explains the gap ("rejected rows") by its status and date. Every part is
 * read leniently; what cannot be read stays null.
 */
export function salvagePersonRow(m: CompiledMapping, values: readonly string[]): RejectedPersonRow {
  const text = (field: string): string | null =>
    attempt(() => {
      const v = m.read(values, field, 0);
      return v === null ? null : String(v);
    });
  const date = (field: string): string | null =>
    attempt(() => {
      const v = text(field);
      return v === null ? null : parseDate(field, v, formatsFor(m.mapping, field), m.mapping.timezone);
    });
  const mapped = text('stage');
  const stage = mapped !== null && isStage(mapped) ? mapped : null;
  const createdAt = date('createdAt');
  return {
    system: m.mapping.system,
    externalId: text('externalId'),
    email: text('email'),
    status: { stage, raw: attempt(() => m.rawText(values, 'stage')), at: stage ? (date('stageAt') ?? createdAt) : null },
    createdAt,
  };
}
