import { TransportError } from '../app/ports/message-transport.js';
import type { MessageTransport, OutgoingMessage } from '../app/ports/message-transport.js';

export interface WebhookOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * Posts each message as JSON to a marketing-automation platform (or any service) that sends
 * it. The outbox id goes as the Idempotency-Key header, so a receiver can drop a repeat.
 * 2xx: accepted; 4xx: refused for good (a bounce); 5xx or no connection: not sent (a retry
 * carries the same key); a connection lost while waiting for the answer: unknown.
 */
export function webhookTransport(options: WebhookOptions): MessageTransport {
  return {
    name: 'webhook',
    async send(m: OutgoingMessage) {
      let response: Response;
      try {
        response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': m.key, ...options.headers },
          body: JSON.stringify({ id: m.key, from: m.from, replyTo: m.replyTo, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const code = cause?.code ?? '';
        // Refused or unresolvable connections, and URLs fetch will not even try, sent nothing.
        const notSent = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code) || /bad port|invalid url/i.test(cause?.message ?? '');
        throw new TransportError(`webhook ${notSent ? 'unreachable' : 'did not answer'}: ${(e as Error).message}${code ? ` (${code})` : ''}`, notSent ? 'not-sent' : 'unknown');
      }
      const body = await response.text();
      if (response.status >= 400 && response.status < 500) throw new TransportError(`webhook refused (${response.status}): ${body.slice(0, 200)}`, 'refused');
      if (!response.ok) throw new TransportError(`webhook failed (${response.status}): ${body.slice(0, 200)}`, 'not-sent');
      let id: string | null = null;
      try {
        const parsed = JSON.parse(body) as { id?: unknown; messageId?: unknown };
        id = typeof parsed.messageId === 'string' ? parsed.messageId : typeof parsed.id === 'string' ? parsed.id : null;
      } catch {
        id = null;
      }
      return { messageId: id };
    },
    async close() {},
  };
}
