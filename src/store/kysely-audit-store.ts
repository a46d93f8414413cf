import type { Kysely } from 'kysely';
import type { AuditEntry, AuditQuery, AuditStore } from '../app/ports/audit-store.js';
import type { AuditLogTable, Database } from './schema.js';

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

const toEntry = (r: AuditLogTable): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  before: parse(r.before),
  after: parse(r.after),
});

export class KyselyAuditStore implements AuditStore {
  constructor(private readonly db: Kysely<Database>) {}

  async append(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: e.id,
        at: e.at,
        actor_id: e.actorId,
        actor_name: e.actorName,
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        before: e.before === null ? null : JSON.stringify(e.before),
        after: e.after === null ? null : JSON.stringify(e.after),
      })
      .execute();
  }

  /** Filters are bound parameters; the sort is one of a closed list, never text from the request. */
  async list(query: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }> {
    let q = this.db.selectFrom('audit_log');
    if (query.from) q = q.where('at', '>=', query.from);
    if (query.toExclusive) q = q.where('at', '<', query.toExclusive);
    if (query.actor) q = q.where((eb) => eb.or([eb('actor_name', '=', query.actor!), eb('actor_id', '=', query.actor!)]));
    if (query.action) q = q.where('action', '=', query.action);
    if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const direction = query.sort === 'at' ? 'asc' : 'desc';
    const rows = await q.selectAll().orderBy('at', direction).orderBy('id', direction).limit(query.limit).offset(query.offset).execute();
    return { total: Number(total.n), entries: rows.map(toEntry) };
  }
}
