import type { Kysely } from 'kysely';
import { normaliseEmail } from '../domain/normalise.js';
import type { Reject } from '../app/ports/import-records.js';
import { recordKey } from './person-source-row.js';
import { chunks } from './person-sources.js';
import type { Database, PersonSourcesTable } from './schema.js';

/**
 * Keeps what could be read of rejected persons rows (system, key, status, date) so their
 * system's count can be explained. Never overwrites a record that landed.
 */
export async function recordRejectedPersonRows(db: Kysely<Database>, rejects: readonly Reject[], at: string): Promise<void> {
  const rows = new Map<string, PersonSourcesTable>();
  for (const r of rejects) {
    const rec = r.record;
    if (!rec) continue;
    const row: PersonSourcesTable = {
      source: rec.system,
      record_key: recordKey(rec.externalId, rec.email) ?? `row:${r.file}:${r.row}`,
      external_id: rec.externalId,
      person_id: null,
      email: rec.email,
      email_norm: normaliseEmail(rec.email),
      email_loose: null,
      name_key: null,
      owner: null,
      stage: rec.status.stage,
      status_raw: rec.status.raw,
      stage_at: rec.status.at,
      created_at: rec.createdAt,
      updated_at: null,
      fields: '{}',
      attributes: '{}',
      supplies: '[]',
      matched_by: 'rejected',
      files: JSON.stringify([r.file]),
      file_count: 1,
      file: r.file,
      row: r.row,
      seen_at: at,
      reason: r.field ? `${r.field}: ${r.reason}` : r.reason,
    };
    rows.set(`${row.source}\u0000${row.record_key}`, row);
  }
  for (const part of chunks([...rows.values()], 100)) {
    await db
      .insertInto('person_sources')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['source', 'record_key'])
          .doUpdateSet((eb) => ({
            stage: eb.ref('excluded.stage'),
            status_raw: eb.ref('excluded.status_raw'),
            stage_at: eb.ref('excluded.stage_at'),
            created_at: eb.ref('excluded.created_at'),
            file: eb.ref('excluded.file'),
            row: eb.ref('excluded.row'),
            reason: eb.ref('excluded.reason'),
          }))
          .where('person_sources.person_id', 'is', null),
      )
      .execute();
  }
}

