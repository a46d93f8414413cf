import { basename } from 'node:path';
import { TandemError } from '../domain/errors.js';
import { headerKey } from './header-key.js';
import type { NamedMapping } from './load-mapping.js';

const ENTITY_ORDER = { accounts: 0, campaigns: 0, persons: 1, opportunities: 2, activities: 3 } as const;

/**
 * Picks, for a file, the mapping whose `match.headers` it has (the most specific one wins).
 * A single mapping without `match` applies to every file.
 */
export function chooseMapping(file: string, header: readonly string[], candidates: readonly NamedMapping[]): NamedMapping {
  if (candidates.length === 1 && !candidates[0]!.mapping.match) return candidates[0]!;
  const have = new Set(header.map(headerKey));
  const fits = candidates
    .filter((c) => (c.mapping.match?.headers ?? []).every((h) => have.has(headerKey(h))))
    .sort((a, b) => (b.mapping.match?.headers.length ?? 0) - (a.mapping.match?.headers.length ?? 0));
  const best = fits[0];
  if (!best) {
    const names = candidates.map((c) => `${c.name} (needs ${c.mapping.match?.headers.join(', ') ?? '—'})`).join('; ');
    throw new TandemError('IMPORT_NO_MAPPING', `${basename(file)}: no mapping fits its columns. Candidates: ${names}`, { place: { file } });
  }
  return best;
}

/** Persons before the deals and activities that point at them. */
export function importOrder(a: NamedMapping, b: NamedMapping): number {
  return ENTITY_ORDER[a.mapping.entity] - ENTITY_ORDER[b.mapping.entity];
}
