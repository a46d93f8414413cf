import { z } from 'zod';

const owner = z.strictObject({
  id: z.string().min(1),
  email: z.email().optional(),
  team: z.string().min(1).optional(),
});

const smtp = z.union([
  z.strictObject({ url: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL') }),
  z.strictObject({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false),
    user: z.string().optional(),
    pass: z.string().optional(),
  }),
]);

/** The YAML shape of the mail settings file (TANDEM_MAIL_CONFIG). */
export const mailConfigSchema = z.strictObject({
  from: z.string().min(3).optional(),
  replyTo: z.string().min(3).optional(),
  unsubscribe: z
    .strictObject({
      url: z.string().regex(/^https?:\/\/.*\{token\}/, 'an http(s) URL containing {token}').optional(),
      mailto: z.email().optional(),
    })
    .default({}),
  smtp: smtp.optional(),
  webhook: z.strictObject({ url: z.url(), headers: z.record(z.string(), z.string()).default({}) }).optional(),
  owners: z.array(owner).default([]),
});

export type MailConfigFile = z.output<typeof mailConfigSchema>;
