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
 * A delivery that failed with a known outcome. `permanent`: the address or message was
 * refused (an SMTP 5xx, a webhook 4xx) — a bounce; otherwise it may be tried again.
 */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
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
