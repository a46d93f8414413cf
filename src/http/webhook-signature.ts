import { createHmac, timingSafeEqual } from 'node:crypto';
import { TandemError } from '../domain/errors.js';

export const SIGNATURE_HEADER = 'x-tandem-signature';
export const TIMESTAMP_HEADER = 'x-tandem-timestamp';
export const DELIVERY_HEADER = 'x-tandem-delivery';

/** The signature a sender puts in X-Tandem-Signature: HMAC-SHA256 over "<timestamp>.<raw body>". */
export function signWebhook(secret: string, timestamp: number, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * Checks a delivery: a timestamp inside the window (so an old capture cannot be sent again
 * later) and an HMAC that only a holder of the secret can make. Comparison in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: Buffer,
  nowMs: number,
  windowSeconds: number,
): { timestamp: number; signature: string } {
  const ts = headers[TIMESTAMP_HEADER];
  const sig = headers[SIGNATURE_HEADER];
  if (typeof ts !== 'string' || !/^\d{1,12}$/.test(ts)) {
    throw new TandemError('SIGNATURE_INVALID', `missing or malformed ${TIMESTAMP_HEADER} (unix seconds)`, { place: { field: TIMESTAMP_HEADER } });
  }
  if (typeof sig !== 'string' || !/^sha256=[0-9a-f]{64}$/.test(sig)) {
    throw new TandemError('SIGNATURE_INVALID', `missing or malformed ${SIGNATURE_HEADER} (sha256=<hex>)`, { place: { field: SIGNATURE_HEADER } });
  }
  const timestamp = Number(ts);
  if (Math.abs(nowMs / 1000 - timestamp) > windowSeconds) {
    throw new TandemError('SIGNATURE_INVALID', `the timestamp is more than ${windowSeconds} s from the server's clock: refused as a possible replay`, { place: { field: TIMESTAMP_HEADER } });
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new TandemError('SIGNATURE_INVALID', 'the signature does not match the body and timestamp', { place: { field: SIGNATURE_HEADER } });
  }
  return { timestamp, signature: sig };
}
