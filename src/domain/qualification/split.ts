/** 32-bit FNV-1a of a text: a stable, well-spread hash without any library. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche (murmur3 fmix32) so close ids spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether a person falls in the training part of a seeded split: the same id, seed and
 * fraction always give the same answer, so a split can be reproduced and checked.
 */
export function inTraining(personId: string, seed: number, fraction: number): boolean {
  return fnv1a(`${seed}:${personId}`) / 0x1_0000_0000 < fraction;
}
