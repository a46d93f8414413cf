import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free local port that keeps every message it accepts, parsed. */
export interface SmtpSink {
  readonly url: string;
  readonly messages: ParsedMail[];
  /** Raw SMTP envelopes' recipients, one list per accepted message. */
  readonly envelopes: string[][];
  /** While set, the server reads each message but does not answer until the promise settles. */
  hold: Promise<void> | null;
  /** Resolves when the server has read a message (before answering it). */
  nextData(): Promise<void>;
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const waiting: (() => void)[] = [];
  const sink = {
    url: '',
    messages: [] as ParsedMail[],
    envelopes: [] as string[][],
    hold: null as Promise<void> | null,
    nextData: () => new Promise<void>((resolve) => waiting.push(resolve)),
    to: (address: string) => sink.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          sink.messages.push(mail);
          sink.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          waiting.splice(0).forEach((w) => w());
          if (sink.hold) await sink.hold;
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}
