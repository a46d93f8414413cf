import type { StageId, Team } from '../stage.js';

/** Kinds of content a catalogue holds (marketing's and sales' material alike). */
export const CONTENT_TYPES = [
  'case_study', 'one_pager', 'demo_script', 'email_template', 'webinar', 'webinar_recording', 'ebook', 'whitepaper',
  'guide', 'calculator', 'pricing', 'presentation', 'video', 'blog_post', 'other',
] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** Buyer grades a piece can serve (the buyer profile's fit grades). */
export const CONTENT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type ContentGrade = (typeof CONTENT_GRADES)[number];

/** One item of the stage content catalogue. */
export interface ContentPiece {
  readonly id: string;
  readonly title: string;
  /** The canonical URL, if the piece lives on the web (a demo script may not). */
  readonly url: string | null;
  /** Other URLs the same piece is reached by (old paths, a PDF copy). */
  readonly aliases: readonly string[];
  readonly type: ContentType;
  readonly stages: readonly StageId[];
  readonly grades: readonly ContentGrade[];
  /** The team that owns (writes and keeps) the piece; anyone may send it. */
  readonly team: Team;
  /** ISO 639-1 language code. */
  readonly language: string;
  /** First and last day (YYYY-MM-DD, inclusive) the piece is available; null: open-ended. */
  readonly since: string | null;
  readonly until: string | null;
}

/** The catalogue, versioned like the other shared definitions (`id@hash` of its YAML text). */
export interface ContentCatalogue {
  readonly id: string;
  readonly version: string;
  /** The language of people whose language is unknown (suggestions). */
  readonly defaultLanguage: string;
  readonly pieces: readonly ContentPiece[];
}

/** Whether a piece exists at some point of the inclusive day range (null bounds: open). */
export function availableIn(piece: ContentPiece, from: string | null, to: string | null): boolean {
  if (piece.since !== null && to !== null && piece.since > to) return false;
  if (piece.until !== null && from !== null && piece.until < from) return false;
  return true;
}

/** Whether a piece exists on a day (YYYY-MM-DD or an ISO time). */
export function availableOn(piece: ContentPiece, day: string): boolean {
  const d = day.slice(0, 10);
  return availableIn(piece, d, d);
}
