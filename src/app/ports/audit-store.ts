/** One step of a change to what both teams share: who, when, what, before and after. */
export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export const AUDIT_SORTS = ['at', '-at'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

export interface AuditQuery {
  readonly from: string | null;
  readonly toExclusive: string | null;
  readonly actor: string | null;
  readonly action: string | null;
  readonly subjectId: string | null;
  readonly sort: AuditSort;
  readonly limit: number;
  readonly offset: number;
}

/** The audit log: append-only. */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }>;
}
