import type { AuditStore } from './audit-store.js';
import type { AuthStore } from './auth-store.js';
import type { ImportRunStore } from './import-run-store.js';
import type { AttributionStore } from './attribution-store.js';
import type { ImportStore } from './import-store.js';
import type { PersonStore } from './person-store.js';
import type { ProposalStore } from './proposal-store.js';
import type { WebhookStore } from './webhook-store.js';
import type { ModelStore } from './model-store.js';
import type { QualificationStore } from './qualification-store.js';
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
  readonly auth: AuthStore;
  readonly audit: AuditStore;
  readonly proposals: ProposalStore;
  readonly webhooks: WebhookStore;
  readonly importRuns: ImportRunStore;
  readonly persons: PersonStore;
  /** Reaches the database and lists migrations this code has that it lacks. */
  schemaStatus(): Promise<{ pending: string[] }>;
  readonly qualification: QualificationStore;
  readonly attribution: AttributionStore;
  readonly reconcile: ReconcileStore;
  close(): Promise<void>;
}
