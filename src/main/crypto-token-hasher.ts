import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TokenHasher } from '../app/ports/token-hasher.js';

/**
 * Secrets are 256 random bits, so one SHA-256 is enough to store them safely (a slow hash
 * protects guessable passwords, not these) and lets a token be found by an index lookup.
 */
export const cryptoTokenHasher: TokenHasher = {
  newSecret: () => `tdm_${randomBytes(32).toString('base64url')}`,
  hash: (secret) => createHash('sha256').update(secret, 'utf8').digest('hex'),
  newId: () => randomUUID().replace(/-/g, '').slice(0, 16),
};
