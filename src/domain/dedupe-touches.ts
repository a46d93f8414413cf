import type { Touch } from './touch.js';
import { compareTouches } from './touch.js';

/**
 * One person's touches without duplicates: the same touch recorded by both systems (or twice by
 * one) — same type and campaign/url/content/subject within `withinMinutes` of the last one kept —
 * counts once, as the earliest. Returns them in time order.
 */
export function dedupeTouches(touches: readonly Touch[], withinMinutes: number): Touch[] {
  const windowMs = withinMinutes * 60_000;
  const lastKept = new Map<string, number>();
  const kept: Touch[] = [];
  for (const t of [...touches].sort(compareTouches)) {
    const key = `${t.personId}\u0000${t.identity}`;
    const at = Date.parse(t.at);
    const prev = lastKept.get(key);
    if (prev !== undefined && at - prev <= windowMs) continue;
    lastKept.set(key, at);
    kept.push(t);
  }
  return kept;
}
