/** What an outbox entry is: a nurture step to a person, a hand-back note or a digest to an owner. */
export const OUTBOX_KINDS = ['nurture-step', 'handback', 'digest'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * claimed → sending → sent: the send protocol. failed (may be retried), bounced (the address
 * refused: stops the program), released (claimed but never sent: safe to retry), unknown
 * (a scheduler died between sending and recording: a person must check, never resent),
 * not-sent (a person checked an unknown entry and found it was not sent: may be retried).
 */
export const OUTBOX_STATUSES = ['claimed', 'sending', 'sent', 'failed', 'bounced', 'released', 'unknown', 'not-sent'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The natural key: one message per program, person, enrollment and step, ever. */
export interface OutboxKey {
  readonly kind: OutboxKind;
  readonly programId: string;
  /** The person (or, for a digest, the owner). */
  readonly personId: string;
  /** The enrollment (stage entry time); for a hand-back the re-engagement time; for a digest the day. */
  readonly enrollmentAt: string;
  readonly step: number;
}

export interface NewOutboxEntry extends OutboxKey {
  readonly programVersion: string;
  readonly stepId: string;
  readonly recipient: string;
  readonly subject: string;
  readonly unsubscribeToken: string | null;
}

export interface OutboxEntry extends NewOutboxEntry {
  readonly id: string;
  readonly status: OutboxStatus;
  readonly claimedBy: string | null;
  readonly claimedAt: string | null;
  readonly sendingAt: string | null;
  readonly sentAt: string | null;
  readonly messageId: string | null;
  readonly transport: string | null;
  readonly tries: number;
  readonly error: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: string | null;
}

/**
 * The outbox: every message Tandem sends, with claim semantics so that no two schedulers
 * and no crash ever send the same step twice. Every state change is one conditional
 * statement: whoever's statement changes the row owns the next step.
 */
export interface OutboxStore {
  /**
   * Claims the message for `claimant`: inserts it, or takes over an entry that is safe to retry
   * (failed under `maxTries`, released, not-sent). Null when another scheduler has it or it is done.
   */
  claim(entry: NewOutboxEntry, claimant: string, at: string, maxTries: number): Promise<OutboxEntry | null>;
  /** Claimed → sending, only by its claimant. Past this point a crash leaves the outcome unknown. */
  markSending(id: string, claimant: string, at: string): Promise<boolean>;
  /** Sending (or flagged unknown meanwhile) → sent, only by its claimant. */
  markSent(id: string, claimant: string, at: string, messageId: string | null, transport: string): Promise<boolean>;
  /** Sending → failed (not sent), bounced (refused for good) or unknown (it may have gone). */
  markFailed(id: string, claimant: string, at: string, status: 'failed' | 'bounced' | 'unknown', error: string): Promise<boolean>;
  /** Entries claimed before `staleBefore`: never sending → released; sending → unknown. */
  sweep(staleBefore: string): Promise<{ released: number; unknown: number }>;
  /** Every entry of these people (or owners) for a program (or digest/hand-back kind). */
  forPeople(programId: string, personIds: readonly string[]): Promise<OutboxEntry[]>;
  list(filter: { readonly statuses?: readonly OutboxStatus[]; readonly kind?: OutboxKind; readonly limit?: number }): Promise<OutboxEntry[]>;
  byToken(token: string): Promise<OutboxEntry | null>;
  /** A person's verdict on an unknown entry: it was sent, or it was not (then it may be sent again). */
  resolve(id: string, outcome: 'sent' | 'not-sent', by: string, at: string): Promise<boolean>;
}
