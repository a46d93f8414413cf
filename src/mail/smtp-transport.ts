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

/**
 * Nodemailer errors carry the server's reply code when the server answered: 5xx refused for
 * good, 4xx declined for now (not sent). Without an answer only a failure to connect is
 * certainly "not sent"; a connection lost later may have delivered the message.
 */
function classify(e: unknown): TransportError {
  const err = e as { message?: string; responseCode?: number; code?: string; command?: string };
  const text = `${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`;
  const code = err.responseCode;
  if (typeof code === 'number' && code >= 500) return new TransportError(text, 'refused');
  if (typeof code === 'number' && code >= 400) return new TransportError(text, 'not-sent');
  const couldNotConnect = err.code === 'EDNS' || /Cannot connect|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(err.message ?? '');
  if (couldNotConnect || err.code === 'EAUTH' || err.command === 'API') return new TransportError(text, 'not-sent');
  return new TransportError(text, 'unknown');
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
      if (info.rejected && info.rejected.length > 0) throw new TransportError(`the server refused ${m.to}`, 'refused');
      return { messageId: info.messageId ?? null };
    },
    async close() {
      transporter.close();
    },
  };
}
