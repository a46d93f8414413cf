import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const SECRET = 'a-webhook-secret-of-some-length';
const NOW = 1_700_000_000_000;
const body = Buffer.from('{"persons":[{"email":"ليلى@example.com"}]}');

function headers(ts: number, sig = signWebhook(SECRET, ts, body)) {
  return { 'x-tandem-timestamp': String(ts), 'x-tandem-signature': sig };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(TandemError);
    expect((e as TandemError).code).toBe('SIGNATURE_INVALID');
    return (e as TandemError).message;
  }
  return 'accepted';
}

describe('webhook signatures', () => {
  const ts = NOW / 1000;

  it('accepts the exact bytes signed with the secret inside the window', () => {
    expect(verifyWebhook(SECRET, headers(ts), body, NOW, 300).timestamp).toBe(ts);
    expect(verifyWebhook(SECRET, headers(ts - 299), body, NOW, 300).timestamp).toBe(ts - 299);
  });

  it.each([
    ['another secret', () => headers(ts, signWebhook('another-secret-entirely', ts, body)), body, /does not match/],
    ['one byte changed', () => headers(ts), Buffer.from(body.toString().replace('ليلى', 'ليلا')), /does not match/],
    ['a timestamp moved', () => ({ ...headers(ts), 'x-tandem-timestamp': String(ts + 1) }), body, /does not match/],
    ['too old', () => headers(ts - 301), body, /more than 300 s/],
    ['from the future', () => headers(ts + 301), body, /more than 300 s/],
    ['no timestamp', () => ({ 'x-tandem-signature': signWebhook(SECRET, ts, body) }), body, /x-tandem-timestamp/],
    ['a malformed signature', () => headers(ts, 'sha1=abc'), body, /malformed x-tandem-signature/],
    ['upper-case hex', () => headers(ts, signWebhook(SECRET, ts, body).toUpperCase()), body, /malformed/],
  ])('refuses %s', (_name, make, payload, message) => {
    expect(failure(() => verifyWebhook(SECRET, make(), payload, NOW, 300))).toMatch(message);
  });
});
