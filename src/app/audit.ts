import { TandemError } from '../domain/errors.js';
import type { Actor } from './actor.js';
import type { AuditEntry, AuditQuery, AuditStore } from './ports/audit-store.js';

export interface AuditRecorder {
  record(actor: Actor, action: string, subject: { type: string; id: string | null }, before: unknown, after: unknown): Promise<AuditEntry>;
}

/** Appends audit entries stamped with the clock and a fresh id. */
export function auditRecorder(store: AuditStore, now: () => string, newId: () => string): AuditRecorder {
  return {
    async record(actor, action, subject, before, after) {
      const entry: AuditEntry = {
        id: newId(),
        at: now(),
        actorId: actor.userId,
        actorName: actor.name,
        action,
        subjectType: subject.type,
        subjectId: subject.id,
        before: before ?? null,
        after: after ?? null,
      };
      await store.append(entry);
      return entry;
    },
  };
}

export const MAX_PAGE = 500;

/** Checks paging so a request can never ask the database for everything at once. */
export function checkPage(limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new TandemError('BAD_INPUT', `limit must be a whole number from 1 to ${MAX_PAGE}`, { place: { field: 'limit' } });
  }
  if (!Number.isInteger(offset) || offset < 0) throw new TandemError('BAD_INPUT', 'offset must be a whole number ≥ 0', { place: { field: 'offset' } });
}

export async function listAudit(store: AuditStore, query: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }> {
  checkPage(query.limit, query.offset);
  return store.list(query);
}
