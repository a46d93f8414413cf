/** How a server is set up. Defaults suit one team on one machine; every limit can be changed. */
export interface ServerOptions {
  /** Largest JSON body, bytes. */
  readonly bodyLimit: number;
  /** Largest ingest batch body, bytes, and most items in one batch. */
  readonly batchBodyLimit: number;
  readonly batchMaxItems: number;
  /** Largest uploaded CSV, bytes. */
  readonly uploadLimit: number;
  /** Requests per minute per token (authenticated) and per address (not yet authenticated: tokens being guessed). */
  readonly rateLimitPerToken: number;
  readonly rateLimitAnonymous: number;
  /** A request must arrive whole within this (slow-loris guard), ms. */
  readonly requestTimeoutMs: number;
  /** Webhook secrets per source system; an empty map turns webhooks off. */
  readonly webhookSecrets: Readonly<Record<string, string>>;
  /** How far a webhook timestamp may be from now, seconds. */
  readonly webhookWindowSeconds: number;
  /** Browser origins allowed to call the API; none by default (CORS off). */
  readonly corsOrigins: readonly string[];
  /** Built dashboard assets served at `/` when the folder exists. */
  readonly webDist: string | null;
  /** Where uploads wait while they import. */
  readonly uploadDir: string;
  /** pino level, or false for no logs. */
  readonly logLevel: string | false;
  /** Where logs go (tests capture them); default stdout. */
  readonly logStream?: NodeJS.WritableStream;
  readonly now: () => Date;
}

export const DEFAULT_SERVER_OPTIONS = {
  bodyLimit: 1024 * 1024,
  batchBodyLimit: 8 * 1024 * 1024,
  batchMaxItems: 1000,
  uploadLimit: 512 * 1024 * 1024,
  rateLimitPerToken: 1200,
  rateLimitAnonymous: 30,
  requestTimeoutMs: 60_000,
  webhookSecrets: {},
  webhookWindowSeconds: 300,
  corsOrigins: [],
  webDist: null,
  uploadDir: '',
  logLevel: 'info',
  now: () => new Date(),
} satisfies Omit<ServerOptions, 'logStream'>;
