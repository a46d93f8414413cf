import type { MailSettings } from '../app/follow-up-settings.js';
import { TandemError } from '../domain/errors.js';
import { readTextFile } from './load-funnel-model.js';
import { mailConfigSchema } from './mail-config-schema.js';
import { parseValidatedYaml } from './validated-yaml.js';

export type SmtpSettings =
  | { readonly url: string }
  | { readonly host: string; readonly port: number; readonly secure: boolean; readonly user?: string; readonly pass?: string };

export interface WebhookSettings {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** How Tandem sends (SMTP or a webhook) and what its messages say about their sender. Frozen. */
export interface MailConfig {
  readonly settings: MailSettings;
  readonly smtp: SmtpSettings | null;
  readonly webhook: WebhookSettings | null;
  /** Whether an unsubscribe URL was configured (sending requires one). */
  readonly unsubscribeConfigured: boolean;
}

/** Shown in dry runs and digests when no link is configured; sending refuses to go without a real one. */
export const PLACEHOLDER_UNSUBSCRIBE_URL = 'https://unsubscribe.invalid/{token}';

/**
 * Mail settings from the file named by TANDEM_MAIL_CONFIG (YAML, validated: errors name line
 * and field), then the environment: TANDEM_SMTP_URL, TANDEM_WEBHOOK_URL, TANDEM_MAIL_FROM,
 * TANDEM_UNSUBSCRIBE_URL override the file (so secrets can stay out of it).
 */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const file = env.TANDEM_MAIL_CONFIG;
  const parsed = file ? parseValidatedYaml(readTextFile(file), mailConfigSchema, file) : mailConfigSchema.parse({});
  const unsubscribeUrl = env.TANDEM_UNSUBSCRIBE_URL || parsed.unsubscribe.url || null;
  if (unsubscribeUrl !== null && !/^https?:\/\/.*\{token\}/.test(unsubscribeUrl)) {
    throw new TandemError('CONFIG_INVALID', `TANDEM_UNSUBSCRIBE_URL must be an http(s) URL containing {token}, not "${unsubscribeUrl}"`, {
      place: { field: 'TANDEM_UNSUBSCRIBE_URL' },
    });
  }
  const smtpUrl = env.TANDEM_SMTP_URL;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new TandemError('CONFIG_INVALID', 'TANDEM_SMTP_URL must be an smtp:// or smtps:// URL', { place: { field: 'TANDEM_SMTP_URL' } });
  }
  const webhookUrl = env.TANDEM_WEBHOOK_URL;
  return Object.freeze({
    settings: Object.freeze({
      from: env.TANDEM_MAIL_FROM || parsed.from || 'Tandem <tandem@localhost>',
      replyTo: parsed.replyTo ?? null,
      unsubscribeUrl: unsubscribeUrl ?? PLACEHOLDER_UNSUBSCRIBE_URL,
      unsubscribeMailto: parsed.unsubscribe.mailto ?? null,
      owners: parsed.owners.map((o) => Object.freeze({ id: o.id, email: o.email ?? null, team: o.team ?? null })),
    }),
    smtp: smtpUrl ? { url: smtpUrl } : (parsed.smtp ?? null),
    webhook: webhookUrl ? { url: webhookUrl, headers: parsed.webhook?.headers ?? {} } : (parsed.webhook ?? null),
    unsubscribeConfigured: unsubscribeUrl !== null,
  });
}
