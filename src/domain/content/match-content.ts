import type { Attributes } from '../entities.js';
import type { ContentCatalogue, ContentPiece } from './content-catalogue.js';
import { normaliseUrl, redirectTarget } from './normalise-url.js';

/** Activity properties that name a catalogue piece by its id. */
export const CONTENT_ID_PROPERTIES = ['content_id', 'contentId', 'asset_id', 'piece_id'] as const;
/**
 * Activity properties that carry a URL, most specific first: a redirect's target wins over the
 * tracking link that wrapped it.
 */
export const URL_PROPERTIES = ['redirect_url', 'redirect_target', 'target_url', 'destination_url', 'url', 'link', 'page_url', 'href', 'description'] as const;

/** Pieces by id and by every normalised URL they are reached by. */
export interface ContentIndex {
  readonly byId: ReadonlyMap<string, ContentPiece>;
  readonly byUrl: ReadonlyMap<string, ContentPiece>;
}

export function contentIndex(catalogue: ContentCatalogue): ContentIndex {
  const byId = new Map<string, ContentPiece>();
  const byUrl = new Map<string, ContentPiece>();
  for (const p of catalogue.pieces) {
    byId.set(p.id, p);
    for (const u of [p.url, ...p.aliases]) {
      const n = u === null ? null : normaliseUrl(u);
      if (n !== null && !byUrl.has(n)) byUrl.set(n, p);
    }
  }
  return { byId, byUrl };
}

/** What an activity carries: the piece it matched, else the URL it names (a candidate). */
export interface ContentMatch {
  readonly piece: ContentPiece | null;
  /** The normalised URL, when the activity carries one. */
  readonly url: string | null;
}

const text = (v: Attributes[string] | undefined): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** Matches an activity's properties to a piece: by content id, else by URL (a redirect's target first). */
export function matchContent(index: ContentIndex, properties: Attributes): ContentMatch | null {
  for (const key of CONTENT_ID_PROPERTIES) {
    const id = text(properties[key]);
    const piece = id === null ? undefined : index.byId.get(id.trim());
    if (piece) return { piece, url: piece.url === null ? null : normaliseUrl(piece.url) };
  }
  let first: string | null = null;
  for (const key of URL_PROPERTIES) {
    const raw = text(properties[key]);
    if (raw === null) continue;
    for (const url of [redirectTarget(raw), normaliseUrl(raw)]) {
      if (url === null) continue;
      const piece = index.byUrl.get(url);
      if (piece) return { piece, url };
      first ??= url;
    }
  }
  return first === null ? null : { piece: null, url: first };
}
