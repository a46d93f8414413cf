import type { FunnelModel } from '../domain/funnel-model.js';
import type { FunnelReport } from '../domain/funnel-report.js';
import type { ImportOptions, ImportSummary } from './import-data.js';
import type { FunnelReportRequest } from './funnel-report.js';
import type { Reject } from './ports/import-records.js';
import type { ImportProgress } from './ports/import-source.js';
import type { ReplayProgress } from './replay.js';
import type { ReconcileReport } from '../domain/reconciliation.js';
import type { ReconcileRequest } from './reconcile.js';

export interface ImportFilesRequest {
  readonly paths: readonly string[];
  readonly preset?: string;
  readonly mapping?: string;
  readonly encoding?: 'utf-8' | 'windows-1252' | 'latin1' | 'utf-16le';
  /** Replay the persons the import touched (default true). */
  readonly replay?: boolean;
}

export interface ImportHooks {
  readonly onFiles?: (files: readonly { path: string; mapping: string; bytes: number }[]) => void;
  readonly onProgress?: (p: ImportProgress) => void;
  readonly onRejects?: (rejects: readonly Reject[]) => void;
  readonly onReplay?: (p: ReplayProgress) => void;
}

export interface ImportResult extends ImportSummary {
  readonly replayed: number;
}

/** The use cases every interface (CLI, HTTP) calls, bound to one opened store. */
export interface Services {
  readonly dialect: 'sqlite' | 'postgres';
  importFiles(request: ImportFilesRequest, hooks?: ImportHooks): Promise<ImportResult>;
  /** Replays everyone under the given model file (or the active/default model) and makes it active. */
  replay(modelFile: string | null, onProgress?: (p: ReplayProgress) => void): Promise<{ persons: number; transitions: number; modelVersion: string }>;
  funnelModel(): Promise<FunnelModel>;
  funnelReport(request: FunnelReportRequest): Promise<FunnelReport>;
  /** Where the systems disagree, why, and which value Tandem uses (identity, conflicts, counts). */
  reconcile(request: ReconcileRequest): Promise<ReconcileReport>;
  close(): Promise<void>;
}

export type OpenServices = (db: string) => Promise<Services>;
export type { ImportOptions };

/** Whole-store operations that work on the database location, not through an open store. */
export interface StoreAdmin {
  backup(db: string, file: string): Promise<{ pages: number }>;
  restore(file: string, db: string): Promise<{ persons: number }>;
}
