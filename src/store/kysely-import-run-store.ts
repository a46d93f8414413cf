import type { Kysely } from 'kysely';
import type { ImportRunStore, ImportRunView } from '../app/ports/import-run-store.js';
import type { Database, ImportRunsTable } from './schema.js';

type RunRow = ImportRunsTable & { p_file: string | null; p_read: number | null; p_total: number | null; p_error: string | null };

export class KyselyImportRunStore implements ImportRunStore {
  constructor(private readonly db: Kysely<Database>) {}

  async saveProgress(runId: string, p: { file: string; bytesRead: number; bytesTotal: number; error?: string | null }, at: string): Promise<void> {
    const row = { run_id: runId, file: p.file, bytes_read: p.bytesRead, bytes_total: p.bytesTotal, error: p.error ?? null, updated_at: at };
    await this.db
      .insertInto('import_progress')
      .values(row)
      .onConflict((oc) => oc.column('run_id').doUpdateSet({ file: row.file, bytes_read: row.bytes_read, bytes_total: row.bytes_total, error: row.error, updated_at: at }))
      .execute();
  }

  private runs() {
    return this.db
      .selectFrom('import_runs as r')
      .leftJoin('import_progress as p', 'p.run_id', 'r.id')
      .selectAll('r')
      .select(['p.file as p_file', 'p.bytes_read as p_read', 'p.bytes_total as p_total', 'p.error as p_error']);
  }

  private static view(r: RunRow): ImportRunView {
    return {
      id: r.id,
      status: r.status as ImportRunView['status'],
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      files: JSON.parse(r.files) as string[],
      rowsTotal: Number(r.rows_total),
      rowsOk: Number(r.rows_ok),
      rowsRejected: Number(r.rows_rejected),
      progress: r.p_file ? { file: r.p_file, bytesRead: Number(r.p_read), bytesTotal: Number(r.p_total) } : null,
      error: r.p_error ?? null,
    };
  }

  async get(runId: string): Promise<ImportRunView | null> {
    const r = await this.runs().where('r.id', '=', runId).executeTakeFirst();
    if (r) return KyselyImportRunStore.view(r);
    // Started by an upload but not yet recorded by the import itself.
    const p = await this.db.selectFrom('import_progress').selectAll().where('run_id', '=', runId).executeTakeFirst();
    if (!p) return null;
    return {
      id: runId,
      status: p.error ? 'failed' : 'running',
      startedAt: p.updated_at,
      finishedAt: null,
      files: [],
      rowsTotal: 0,
      rowsOk: 0,
      rowsRejected: 0,
      progress: { file: p.file, bytesRead: Number(p.bytes_read), bytesTotal: Number(p.bytes_total) },
      error: p.error,
    };
  }

  async list(limit: number, offset: number): Promise<ImportRunView[]> {
    const rows = await this.runs().orderBy('r.started_at', 'desc').orderBy('r.id').limit(limit).offset(offset).execute();
    return rows.map((r) => KyselyImportRunStore.view(r));
  }

  async rejects(runId: string, limit: number, offset: number) {
    const total = await this.db.selectFrom('import_rejects').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow();
    const rows = await this.db.selectFrom('import_rejects').selectAll().where('run_id', '=', runId).orderBy('seq').limit(limit).offset(offset).execute();
    return { total: Number(total.n), rejects: rows.map((r) => ({ file: r.file, row: r.row, field: r.field, reason: r.reason, raw: r.raw })) };
  }
}
