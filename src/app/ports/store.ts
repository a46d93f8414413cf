import type { ImportStore } from './import-store.js';
import type { ModelStore } from './model-store.js';
import type { ReconcileStore } from './reconcile-store.js';
import type { ReplayStore } from './replay-store.js';
import type { ReportStore } from './report-store.js';

/** Everything the use cases need from persistence, opened once per process. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly imports: ImportStore;
  readonly replay: ReplayStore;
  readonly reports: ReportStore;
  readonly models: ModelStore;
  readonly reconcile: ReconcileStore;
  close(): Promise<void>;
}
