import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransportError } from '../app/ports/message-transport.js';
import type { OutgoingMessage } from '../app/ports/message-transport.js';
import { smtpTransport } from './smtp-transport.js';
import { webhookTransport } from './webhook-transport.js';

const message = (to: string): OutgoingMessage => ({
  key: 'msg_test1', from: 'Acme <hello@acme.example>', replyTo: null, to, subject: 'مرحبا', text: 'hi', html: '<p>hi</p>',
  headers: { 'List-Unsubscribe': '<https://acme.example/u/t1>' },
});

async function outcomeOf(send: Promise<unknown>): Promise<string> {
  try {
    await send;
    return 'sent';
  } catch (e) {
    return e instanceof TransportError ? e.outcome : `other: ${(e as Error).message}`;
  }
}

describe('SMTP transport against a real SMTP server: what a failure means', () => {
  let server: SMTPServer;
  let url: string;
  const sockets = new Set<import('node:net').Socket>();
  const cut = (): void => sockets.forEach((s) => s.destroy());
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (address.address.startsWith('gone@')) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
        return cb();
      },
      onData(stream, session, cb) {
        const to = session.envelope.rcptTo[0]!.address;
        stream.on('data', () => {});
        stream.on('end', () => {
          if (to.startsWith('busy@')) return cb(Object.assign(new Error('try later'), { responseCode: 451 }));
          // The message is in; the connection breaks before the answer: it may have been delivered.
          if (to.startsWith('cut@')) return cut();
          return cb();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    server.server.on('connection', (s: import('node:net').Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each([
    ['ok@example.org', 'sent'],
    ['gone@example.org', 'refused'],
    ['busy@example.org', 'not-sent'],
    ['cut@example.org', 'unknown'],
  ])('%s → %s', async (to, expected) => {
    const t = smtpTransport({ url });
    try {
      expect(await outcomeOf(t.send(message(to)))).toBe(expected);
    } finally {
      await t.close();
    }
  });

  it('no server listening: certainly not sent', async () => {
    const t = smtpTransport({ url: 'smtp://127.0.0.1:9' });
    expect(await outcomeOf(t.send(message('ok@example.org')))).toBe('not-sent');
    await t.close();
  });
});

describe('webhook transport against a real HTTP server', () => {
  const seen: { key: string | undefined; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      seen.push({ key: req.headers['idempotency-key'] as string | undefined, body: parsed });
      const to = String(parsed.to);
      if (to.startsWith('gone@')) return res.writeHead(422).end('{"error":"invalid address"}');
      if (to.startsWith('busy@')) return res.writeHead(503).end('later');
      if (to.startsWith('cut@')) return req.socket.destroy();
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"messageId":"map-123"}');
    });
  });
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the message as JSON with the outbox id as Idempotency-Key', async () => {
    const r = await webhookTransport({ url, headers: { authorization: 'Bearer t' } }).send(message('ok@example.org'));
    expect(r.messageId).toBe('map-123');
    expect(seen.at(-1)!.key).toBe('msg_test1');
    expect(seen.at(-1)!.body).toMatchObject({ to: 'ok@example.org', subject: 'مرحبا', headers: { 'List-Unsubscribe': '<https://acme.example/u/t1>' } });
  });

  it.each([
    ['gone@example.org', 'refused'],
    ['busy@example.org', 'not-sent'],
    ['cut@example.org', 'unknown'],
  ])('%s → %s', async (to, expected) => {
    expect(await outcomeOf(webhookTransport({ url, headers: {} }).send(message(to)))).toBe(expected);
  });

  it('nobody listening: not sent', async () => {
    const free = createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', () => r()));
    const port = (free.address() as AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    expect(await outcomeOf(webhookTransport({ url: `http://127.0.0.1:${port}/x`, headers: {} }).send(message('ok@example.org')))).toBe('not-sent');
  });
});
