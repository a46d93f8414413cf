import { createHash } from 'node:crypto';

/**
 * Ids derived from natural keys, so that re-running an import (or resuming one after a
 * crash) writes the same rows again instead of new ones.
 */
export function stableId(prefix: string, ...parts: readonly string[]): string {
  return `${prefix}_${createHash('sha1').update(parts.join('\u0000')).digest('base64url').slice(0, 20)}`;
}
