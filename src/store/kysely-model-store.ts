import type { Kysely } from 'kysely';
import type { ModelKind, ModelStore, ModelVersionRecord } from '../app/ports/model-store.js';
import type { Database, ModelVersionsTable } from './schema.js';

function toRecord(r: ModelVersionsTable): ModelVersionRecord {
  return {
    version: r.version,
    kind: r.kind as ModelKind,
    modelId: r.model_id,
    content: r.content,
    author: r.author,
    createdAt: r.created_at,
    active: r.active === 1,
  };
}

export class KyselyModelStore implements ModelStore {
  constructor(private readonly db: Kysely<Database>) {}

  async saveVersion(record: ModelVersionRecord): Promise<void> {
    await this.db
      .insertInto('model_versions')
      .values({
        version: record.version,
        kind: record.kind,
        model_id: record.modelId,
        content: record.content,
        author: record.author,
        created_at: record.createdAt,
        active: record.active ? 1 : 0,
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
  }

  async activate(kind: ModelKind, version: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('model_versions').set({ active: 0 }).where('kind', '=', kind).execute();
      await trx.updateTable('model_versions').set({ active: 1 }).where('kind', '=', kind).where('version', '=', version).execute();
    });
  }

  async active(kind: ModelKind): Promise<ModelVersionRecord | null> {
    const r = await this.db.selectFrom('model_versions').selectAll().where('kind', '=', kind).where('active', '=', 1).executeTakeFirst();
    return r ? toRecord(r) : null;
  }

  async list(kind: ModelKind): Promise<ModelVersionRecord[]> {
    const rows = await this.db.selectFrom('model_versions').selectAll().where('kind', '=', kind).orderBy('created_at').execute();
    return rows.map(toRecord);
  }
}
