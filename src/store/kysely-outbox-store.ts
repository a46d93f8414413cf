import type { Kysely } from 'kysely';
import type {
  NewOutboxEntry,
  OutboxEntry,
  OutboxKind,
  OutboxStatus,
  OutboxStore,
} from '../app/ports/outbox-store.js';
import { stableId } from './ids.js';
import type { OutboxTable } from './outbox-table.js';
import type { Database } from './schema.js';

function toEntry(r: OutboxTable): OutboxEntry {
  return {
    id: r.id,
    kind: r.kind as OutboxKind,
    programId: r.program_id,
    programVersion: r.program_version,
    personId: r.person_id,
    enrollmentAt: r.enrollment_at,
    step: Number(r.step),
    stepId: r.step_id,
    recipient: r.recipient,
    subject: r.subject,
    status: r.status as OutboxStatus,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    sendingAt: r.sending_at,
    sentAt: r.sent_at,
    messageId: r.message_id,
    transport: r.transport,
    tries: Number(r.tries),
    error: r.error,
    unsubscribeToken: r.unsubscribe_token,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
  };
}

const changed = (r: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined): boolean =>
  Number(r?.numUpdatedRows ?? r?.numInsertedOrUpdatedRows ?? 0) > 0;

/** Statuses a claim may take over: nothing was sent, or a person said so. */
const RETRYABLE: readonly OutboxStatus[] = ['failed', 'released', 'not-sent'];

export class KyselyOutboxStore implements OutboxStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(entry: NewOutboxEntry, claimant: string, at: string, maxTries: number): Promise<OutboxEntry | null> {
    const id = stableId('msg', entry.kind, entry.programId, entry.personId, entry.enrollmentAt, String(entry.step));
    const inserted = await this.db
      .insertInto('outbox')
      .values({
        id,
        kind: entry.kind,
        program_id: entry.programId,
        program_version: entry.programVersion,
        person_id: entry.personId,
        enrollment_at: entry.enrollmentAt,
        step: entry.step,
        step_id: entry.stepId,
        recipient: entry.recipient,
        subject: entry.subject,
        status: 'claimed',
        claimed_by: claimant,
        claimed_at: at,
        tries: 1,
        unsubscribe_token: entry.unsubscribeToken,
      })
      // No conflict target: the id is derived from the same columns as the unique key, and two
      // schedulers inserting the same step at once on PostgreSQL may collide on either index.
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (!changed(inserted)) {
      const retaken = await this.db
        .updateTable('outbox')
        .set((eb) => ({
          status: 'claimed',
          claimed_by: claimant,
          claimed_at: at,
          sending_at: null,
          tries: eb('tries', '+', 1),
          program_version: entry.programVersion,
          recipient: entry.recipient,
          subject: entry.subject,
        }))
        .where('id', '=', id)
        .where('status', 'in', RETRYABLE)
        .where('tries', '<', maxTries)
        .executeTakeFirst();
      if (!changed(retaken)) return null;
    }
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toEntry(row);
  }

  async markSending(id: string, claimant: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ status: 'sending', sending_at: at })
      .where('id', '=', id)
      .where('claimed_by', '=', claimant)
      .where('status', '=', 'claimed')
      .executeTakeFirst();
    return changed(r);
  }

  async markSent(id: string, claimant: string, at: string, messageId: string | null, transport: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: at, message_id: messageId, transport, error: null })
      .where('id', '=', id)
      .where('claimed_by', '=', claimant)
      // A slow scheduler whose entry was flagged unknown meanwhile still records what it knows.
      .where('status', 'in', ['sending', 'unknown'])
      .executeTakeFirst();
    return changed(r);
  }

  async markFailed(id: string, claimant: string, at: string, status: 'failed' | 'bounced' | 'unknown', error: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ status, error: error.slice(0, 1000), sent_at: null, resolved_at: at })
      .where('id', '=', id)
      .where('claimed_by', '=', claimant)
      .where('status', 'in', ['claimed', 'sending', 'unknown'])
      .executeTakeFirst();
    return changed(r);
  }

  async sweep(staleBefore: string): Promise<{ released: number; unknown: number }> {
    const released = await this.db
      .updateTable('outbox')
      .set({ status: 'released' })
      .where('status', '=', 'claimed')
      .where('claimed_at', '<', staleBefore)
      .executeTakeFirst();
    const unknown = await this.db
      .updateTable('outbox')
      .set({ status: 'unknown', error: 'the scheduler stopped between sending and recording: check whether it was sent' })
      .where('status', '=', 'sending')
      .where('sending_at', '<', staleBefore)
      .executeTakeFirst();
    return { released: Number(released.numUpdatedRows), unknown: Number(unknown.numUpdatedRows) };
  }

  async forPeople(programId: string, personIds: readonly string[]): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const part = personIds.slice(i, i + 500);
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('outbox')
        .selectAll()
        .where('program_id', '=', programId)
        .where('person_id', 'in', part)
        .orderBy('person_id')
        .orderBy('enrollment_at')
        .orderBy('step')
        .execute();
      out.push(...rows.map(toEntry));
    }
    return out;
  }

  async list(filter: { statuses?: readonly OutboxStatus[]; kind?: OutboxKind; limit?: number }): Promise<OutboxEntry[]> {
    let q = this.db.selectFrom('outbox').selectAll().orderBy('claimed_at').orderBy('id');
    if (filter.statuses && filter.statuses.length > 0) q = q.where('status', 'in', filter.statuses);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    if (filter.limit) q = q.limit(filter.limit);
    return (await q.execute()).map(toEntry);
  }

  async byToken(token: string): Promise<OutboxEntry | null> {
    const r = await this.db.selectFrom('outbox').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst();
    return r ? toEntry(r) : null;
  }

  async resolve(id: string, outcome: 'sent' | 'not-sent', by: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set((eb) => ({
        status: outcome,
        resolved_by: by,
        resolved_at: at,
        // Sent, as far as anyone knows, when the send began.
        ...(outcome === 'sent' ? { sent_at: eb.ref('sending_at') } : {}),
      }))
      .where('id', '=', id)
      .where('status', '=', 'unknown')
      .executeTakeFirst();
    return changed(r);
  }
}
