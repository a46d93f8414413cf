import type { Generated } from 'kysely';
import type { LeasesTable, OutboxTable } from './outbox-table.js';

/** Table shapes as Kysely sees them. Times are UTC ISO-8601 text; money integer minor units. */
export interface AccountsTable {
  id: string;
  domain: string | null;
  name: string | null;
  attributes: string;
  created_at: string | null;
}

export interface PersonsTable {
  id: string;
  email: string | null;
  email_norm: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  account_id: string | null;
  owner: string | null;
  source: string | null;
  country: string | null;
  industry: string | null;
  title: string | null;
  created_at: string | null;
  do_not_call: number;
  do_not_email: number;
  attributes: string;
  updated_at: string;
}

export interface IdentitiesTable {
  source: string;
  external_id: string;
  person_id: string;
}

/** One record of one system describing a person (or a rejected persons row: person_id null). */
export interface PersonSourcesTable {
  source: string;
  /** The record's own id, else `email:<normalised email>`, else `row:<file>:<row>` (rejected rows). */
  record_key: string;
  external_id: string | null;
  person_id: string | null;
  email: string | null;
  email_norm: string | null;
  /** Normalised email without dots and +tag in the local part: the near-match key. */
  email_loose: string | null;
  name_key: string | null;
  owner: string | null;
  /** The system's own status mapped to a stage id; status_raw as exported. */
  stage: string | null;
  status_raw: string | null;
  stage_at: string | null;
  created_at: string | null;
  updated_at: string | null;
  fields: string;
  attributes: string;
  /** JSON array of the merged values this record supplied (`owner`, `attributes.lead_score`). */
  supplies: string;
  matched_by: string;
  /** JSON array of the files that described this record (a record exported in two files is one record). */
  files: string;
  file_count: number;
  /** The latest file and row that described the record. */
  file: string;
  row: number;
  seen_at: string;
  reason: string | null;
}

export interface ActivitiesTable {
  id: string;
  person_id: string;
  source: string;
  external_id: string;
  type: string;
  occurred_at: string;
  actor: string | null;
  stage: string | null;
  properties: string;
}

export interface OpportunitiesTable {
  id: string;
  source: string;
  external_id: string;
  person_id: string | null;
  account_id: string | null;
  name: string | null;
  amount_minor: number | null;
  currency: string | null;
  stage: string | null;
  status: string;
  owner: string | null;
  created_at: string | null;
  closed_at: string | null;
  attributes: string;
}

export interface CampaignsTable {
  id: string;
  source: string;
  external_id: string;
  name: string | null;
  channel: string | null;
  team: string | null;
  cost_minor: number | null;
  currency: string | null;
  started_at: string | null;
  ended_at: string | null;
  attributes: string;
}

export interface TransitionsTable {
  model_version: string;
  person_id: string;
  seq: number;
  from_stage: string | null;
  to_stage: string;
  at: string;
  reason: string;
  actor: string | null;
  activity_id: string | null;
}

export interface SpansTable {
  model_version: string;
  person_id: string;
  seq: number;
  stage: string;
  entered_at: string;
  exited_at: string | null;
  next_stage: string | null;
}

/** One row per person and model version: each main stage reached, when, and days to the next. */
export interface JourneysTable {
  model_version: string;
  person_id: string;
  entered_at: string | null;
  current_stage: string | null;
  current_since: string | null;
  reached_inquiry: number;
  at_inquiry: string | null;
  days_inquiry: number | null;
  reached_mql: number;
  at_mql: string | null;
  days_mql: number | null;
  reached_sal: number;
  at_sal: string | null;
  days_sal: number | null;
  reached_sql: number;
  at_sql: string | null;
  days_sql: number | null;
  reached_opportunity: number;
  at_opportunity: string | null;
  days_opportunity: number | null;
  reached_won: number;
  at_won: string | null;
  days_won: number | null;
}

export interface ImportRunsTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  files: string;
  rows_total: number;
  rows_ok: number;
  rows_rejected: number;
}

export interface ImportRejectsTable {
  run_id: string;
  seq: number;
  file: string;
  row: number;
  field: string | null;
  reason: string;
  raw: string | null;
}

export interface ModelVersionsTable {
  version: string;
  kind: string;
  model_id: string;
  content: string;
  author: string | null;
  created_at: string;
  active: number;
}

export interface ReplayQueueTable {
  person_id: string;
  queued_at: string;
  /** New on every (re-)queue: a worker dequeues only the tokens it replayed. */
  token: Generated<string>;
  claimed_by: string | null;
  claimed_until: string | null;
}

/** An index dropped for a bulk rewrite, until it is built again (store/suspended-indexes.ts). */
export interface SuspendedIndexesTable {
  name: string;
  table_name: string;
  definition: string;
}

export interface Database {
  accounts: AccountsTable;
  persons: PersonsTable;
  identities: IdentitiesTable;
  person_sources: PersonSourcesTable;
  activities: ActivitiesTable;
  opportunities: OpportunitiesTable;
  campaigns: CampaignsTable;
  transitions: TransitionsTable;
  spans: SpansTable;
  journeys: JourneysTable;
  import_runs: ImportRunsTable;
  import_rejects: ImportRejectsTable;
  model_versions: ModelVersionsTable;
  outbox: OutboxTable;
  leases: LeasesTable;
  replay_queue: ReplayQueueTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  proposals: ProposalsTable;
  approvals: ApprovalsTable;
  audit_log: AuditLogTable;
  webhook_deliveries: WebhookDeliveriesTable;
  import_progress: ImportProgressTable;
  suspended_indexes: SuspendedIndexesTable;
}

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  created_at: string;
  disabled_at: string | null;
}

/** API tokens: only the SHA-256 of the secret is kept. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  label: string | null;
  prefix: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface ProposalsTable {
  id: string;
  kind: string;
  title: string;
  note: string | null;
  content: string;
  version: string;
  base_version: string | null;
  backtest: string | null;
  status: string;
  proposed_by: string;
  created_at: string;
  decided_at: string | null;
}

export interface ApprovalsTable {
  proposal_id: string;
  user_id: string;
  user_name: string;
  role: string;
  at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: string | null;
  after: string | null;
}

export interface WebhookDeliveriesTable {
  source: string;
  delivery_id: string;
  received_at: string;
}

export interface ImportProgressTable {
  run_id: string;
  file: string;
  bytes_read: number;
  bytes_total: number;
  error: string | null;
  updated_at: string;
}
