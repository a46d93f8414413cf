/** The outbox table as Kysely sees it (see migrations/004-outbox.ts). */
export interface OutboxTable {
  id: string;
  kind: string;
  program_id: string;
  program_version: string;
  person_id: string;
  enrollment_at: string;
  step: number;
  step_id: string;
  recipient: string;
  subject: string;
  status: string;
  claimed_by: string | null;
  claimed_at: string | null;
  sending_at: string | null;
  sent_at: string | null;
  message_id: string | null;
  transport: string | null;
  tries: number;
  error: string | null;
  unsubscribe_token: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

/** Named leases (see app/ports/lease-store.ts). */
export interface LeasesTable {
  name: string;
  holder: string;
  until: string;
}
