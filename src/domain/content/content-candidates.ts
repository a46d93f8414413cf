import type { PersonContent } from './person-content.js';

/** A URL that recurs in activities but is in no catalogue piece. */
export interface ContentCandidate {
  readonly url: string;
  readonly uses: number;
  readonly people: number;
  readonly sales: number;
  readonly marketing: number;
  readonly firstAt: string;
  readonly lastAt: string;
}

/** Unmatched URLs used for at least `minPeople` people in the period, most people first. */
export function contentCandidates(people: readonly PersonContent[], options: { readonly from: string | null; readonly to: string | null; readonly minPeople: number }): ContentCandidate[] {
  const by = new Map<string, { uses: number; people: Set<string>; sales: number; marketing: number; firstAt: string; lastAt: string }>();
  for (const p of people) {
    for (const u of p.uses) {
      if (u.pieceId !== null || u.url === null) continue;
      const day = u.at.slice(0, 10);
      if ((options.from !== null && day < options.from) || (options.to !== null && day > options.to)) continue;
      const c = by.get(u.url) ?? { uses: 0, people: new Set<string>(), sales: 0, marketing: 0, firstAt: u.at, lastAt: u.at };
      c.uses++;
      c.people.add(p.personId);
      c[u.team]++;
      if (u.at < c.firstAt) c.firstAt = u.at;
      if (u.at > c.lastAt) c.lastAt = u.at;
      by.set(u.url, c);
    }
  }
  return [...by.entries()]
    .filter(([, c]) => c.people.size >= options.minPeople)
    .map(([url, c]) => ({ url, uses: c.uses, people: c.people.size, sales: c.sales, marketing: c.marketing, firstAt: c.firstAt, lastAt: c.lastAt }))
    .sort((a, b) => b.people - a.people || b.uses - a.uses || a.url.localeCompare(b.url));
}
