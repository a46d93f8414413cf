import type { StageId } from '../stage.js';
import type { ContentCatalogue, ContentGrade, ContentPiece } from './content-catalogue.js';
import { availableOn } from './content-catalogue.js';

/** What a suggestion is for: a person's stage, grade and language at a time, and what they already received. */
export interface SuggestFor {
  readonly stage: StageId | null;
  readonly grade: ContentGrade | null;
  readonly language: string | null;
  readonly at: string;
  readonly received: ReadonlySet<string>;
}

const TEAM_RANK = { sales: 0, shared: 1, marketing: 2 } as const;

/**
 * The best piece to send a person next: it serves their stage and grade, exists on the day, is
 * not already received, and is in their language (unknown: the catalogue's default language).
 * Among those, material written for sales first, then the most specific to the grade, then by id.
 */
export function suggestContent(catalogue: ContentCatalogue, who: SuggestFor): ContentPiece | null {
  if (who.stage === null) return null;
  const language = who.language ?? catalogue.defaultLanguage;
  const fits = catalogue.pieces.filter(
    (p) => p.stages.includes(who.stage!) && availableOn(p, who.at) && !who.received.has(p.id) && (who.grade === null || p.grades.includes(who.grade)) && p.language === language,
  );
  fits.sort((a, b) => TEAM_RANK[a.team] - TEAM_RANK[b.team] || a.grades.length - b.grades.length || a.id.localeCompare(b.id));
  return fits[0] ?? null;
}
