import { TandemError } from '../domain/errors.js';

/** What the server reads from the environment: secrets never go on a command line (ps shows those). */
export interface ServerEnv {
  /** Per source system: TANDEM_WEBHOOK_SECRETS="hubspot=…,crm=…" ("*=…" for any source). */
  readonly webhookSecrets: Readonly<Record<string, string>>;
  readonly logLevel: string;
}

export function loadServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const secrets: Record<string, string> = {};
  for (const pair of (env.TANDEM_WEBHOOK_SECRETS ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const source = pair.slice(0, eq).trim();
    const secret = pair.slice(eq + 1).trim();
    if (eq < 1 || !/^([a-z0-9][a-z0-9_-]{0,49}|\*)$/.test(source) || secret.length < 16) {
      throw new TandemError('CONFIG_INVALID', 'TANDEM_WEBHOOK_SECRETS is a comma-separated list of source=secret, each secret at least 16 characters', {
        place: { field: 'TANDEM_WEBHOOK_SECRETS' },
      });
    }
    secrets[source] = secret;
  }
  return Object.freeze({ webhookSecrets: Object.freeze(secrets), logLevel: env.TANDEM_LOG_LEVEL || 'info' });
}
