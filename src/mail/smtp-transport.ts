import nodemailer from 'nodemailer';
import { TransportError } from '../app/ports/message-transport.js';
import type { MessageTransport, OutgoingMessage } from '../app/ports/message-transport.js';

export type SmtpOptions =
  | { readonly url: string }
  | { readonly host: string; readonly port: number; readonly secure: boolean; readonly user?: string; readonly pass?: string };

function domainOf(address: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(address);
  return m?.[1] ?? 'tandem.invalid';
}

/** Nodemailer errors carry the server's reply code: 5xx means the server refused for good. */
function classify(e: unknown): TransportError {
  const err = e as { message?: string; responseCode?: number; code?: string };
  const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
  return new TransportError(`${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`, permanent);
}

/** Sends through an SMTP server with nodemailer, one connection per run. */
export function smtpTransport(options: SmtpOptions): MessageTransport {
  const transporter =
    'url' in options
      ? nodemailer.createTransport(options.url)
      : nodemailer.createTransport({
          host: options.host,
          port: options.port,
          secure: options.secure,
          ...(options.user ? { auth: { user: options.user, pass: options.pass ?? '' } } : {}),
        });
  return {
    name: 'smtp',
    async send(m: OutgoingMessage) {
      let info: { messageId?: string; rejected?: unknown[] };
      try {
        info = await transporter.sendMail({
          from: m.from,
          to: m.to,
          ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: { ...m.headers },
          // A stable Message-ID per outbox entry lets receivers drop a duplicate if one ever slips through.
          messageId: `<${m.key}@${domainOf(m.from)}>`,
        });
      } catch (e) {
        throw classify(e);
      }
      if (info.rejected && info.rejected.length > 0) throw new TransportError(`the server refused ${m.to}`, true);
      return { messageId: info.messageId ?? null };
    },
    async close() {
      transporter.close();
    },
  };
}
