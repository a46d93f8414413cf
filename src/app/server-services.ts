import type { AuthService } from './auth.js';
import type { IngestRequest, IngestResult } from './ingest-input.js';
import type { AuditEntry, AuditQuery } from './ports/audit-store.js';
import type { ImportRunView } from './ports/import-run-store.js';
import type { Reject } from './ports/import-records.js';
import type { ModelKind, ModelVersionRecord } from './ports/model-store.js';
import type { PersonQuery, PersonRow, PersonStore } from './ports/person-store.js';
import type { ProposalService } from './proposals.js';

/** An import started by an upload: the files are already on the server's disk. */
export interface StartImportRequest {
  readonly paths: readonly string[];
  readonly preset?: string;
  readonly mapping?: string;
  readonly encoding?: 'utf-8' | 'windows-1252' | 'latin1' | 'utf-16le';
}

export type PersonDetail = NonNullable<Awaited<ReturnType<PersonStore['detail']>>>;

/** The use cases the server adds to the shared facade: auth, ingest, sign-off, audit, runs, persons. */
export interface ServerServices {
  readonly auth: AuthService;
  readonly proposals: ProposalService;
  /** Lands pushed records (idempotent by system + external id) and replays the persons they touched. */
  ingest(request: IngestRequest): Promise<IngestResult>;
  auditLog(query: AuditQuery): Promise<{ total: number; entries: AuditEntry[] }>;
  /** Accepts a webhook delivery id once; false if it was seen in the replay window. */
  claimWebhookDelivery(source: string, deliveryId: string, windowSeconds: number): Promise<boolean>;
  /**
   * Checks the files and their mapping, starts the import, and returns its run id at once;
   * `done` settles when it has finished (progress is kept in the database meanwhile).
   */
  startImport(request: StartImportRequest): Promise<{ runId: string; done: Promise<unknown> }>;
  importRun(runId: string): Promise<ImportRunView>;
  importRuns(limit: number, offset: number): Promise<ImportRunView[]>;
  importRejects(runId: string, limit: number, offset: number): Promise<{ total: number; rejects: Reject[] }>;
  searchPersons(query: Omit<PersonQuery, 'modelVersion'>): Promise<{ total: number; persons: PersonRow[]; modelVersion: string }>;
  person(personId: string): Promise<PersonDetail & { modelVersion: string }>;
  modelVersions(kind: ModelKind): Promise<ModelVersionRecord[]>;
  /** Reaches the database; lists migrations it lacks (a server answering /ready checks this). */
  schemaStatus(): Promise<{ pending: string[] }>;
}
