import type { Reject } from './import-records.js';

export interface ImportRunView {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly files: readonly string[];
  readonly rowsTotal: number;
  readonly rowsOk: number;
  readonly rowsRejected: number;
  readonly progress: { readonly file: string; readonly bytesRead: number; readonly bytesTotal: number } | null;
  readonly error: string | null;
}

/** Import runs as others see them while they go: kept in the database so any server can answer. */
export interface ImportRunStore {
  saveProgress(runId: string, p: { file: string; bytesRead: number; bytesTotal: number; error?: string | null }, at: string): Promise<void>;
  get(runId: string): Promise<ImportRunView | null>;
  list(limit: number, offset: number): Promise<ImportRunView[]>;
  rejects(runId: string, limit: number, offset: number): Promise<{ total: number; rejects: Reject[] }>;
}
