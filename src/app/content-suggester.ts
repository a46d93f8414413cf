import type { ContentCatalogue, ContentType } from '../domain/content/content-catalogue.js';
import { contentIndex } from '../domain/content/match-content.js';
import { suggestContent } from '../domain/content/suggest-content.js';
import type { StageId } from '../domain/stage.js';
import { contentOf } from './content-scan.js';
import type { FollowUpView } from './follow-up-scan.js';
import type { ReplayContext } from './replay.js';

/** The catalogue piece to send a person next (work queue, digest). */
export interface SuggestedContent {
  readonly id: string;
  readonly title: string;
  readonly url: string | null;
  readonly type: ContentType;
  /** The stage it was chosen for. */
  readonly stage: StageId;
}

export type ContentSuggester = (view: FollowUpView, stage: StageId, at: string) => SuggestedContent | null;

/** Suggests, per person, the best piece for their stage, grade and language that they have not received by `at`. */
export function contentSuggester(catalogue: ContentCatalogue, ctx: ReplayContext): ContentSuggester {
  const index = contentIndex(catalogue);
  return (view, stage, at) => {
    const facts = contentOf(ctx, index, { personId: view.person.id, person: view.person, activities: view.activities, opportunities: view.opportunities }, view.timeline);
    const received = new Set(facts.uses.filter((u) => u.pieceId !== null && u.at <= at).map((u) => u.pieceId!));
    const piece = suggestContent(catalogue, { stage, grade: facts.grade, language: facts.language, at, received });
    return piece ? { id: piece.id, title: piece.title, url: piece.url, type: piece.type, stage } : null;
  };
}
