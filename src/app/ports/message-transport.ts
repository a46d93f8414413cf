/** A message ready to go: the transport only delivers it. */
export interface OutgoingMessage {
  /** The outbox id: used as the Message-ID and the webhook's idempotency key. */
  readonly key: string;
  readonly from: string;
  readonly replyTo: string | null;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * What a failed delivery means: `refused` — the address or message was refused for good (an
 * SMTP 5xx, a webhook 4xx: a bounce); `not-sent` — it certainly did not go (connection
 * refused, a 4xx "try later"): it may be tried again; `unknown` — it may have gone (the
 * connection broke after the message was handed over): a person must check, never resend.
 */
export type FailureOutcome = 'refused' | 'not-sent' | 'unknown';

export class TransportError extends Error {
  constructor(
    message: string,
    readonly outcome: FailureOutcome,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** SMTP or a webhook to a marketing-automation platform that sends. */
export interface MessageTransport {
  readonly name: string;
  send(message: OutgoingMessage): Promise<{ messageId: string | null }>;
  close(): Promise<void>;
}
