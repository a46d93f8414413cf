import type { ActivityType } from '../activity-type.js';
import type { Activity } from '../entities.js';
import type { Reached, Span } from '../lifecycle.js';
import type { MainStageId, StageId } from '../stage.js';
import type { ContentGrade } from './content-catalogue.js';
import type { ContentIndex } from './match-content.js';
import { matchContent } from './match-content.js';

/** Which side used a piece: a rep (the activity has an actor: sent, shared, shown) or marketing (campaigns, the site). */
export type ContentTeam = 'sales' | 'marketing';

/** One use of content: a piece (or an unmatched URL) that reached a person. */
export interface ContentUse {
  readonly pieceId: string | null;
  /** Normalised URL (null for a piece named by id that has no URL). */
  readonly url: string | null;
  readonly at: string;
  readonly team: ContentTeam;
  readonly type: ActivityType;
  /** The person's stage at that moment (null: before their first stage). */
  readonly stage: StageId | null;
}

/** What the content reports know of one person. */
export interface PersonContent {
  readonly personId: string;
  /** Buyer grade (null: ungraded — no qualification model or grade known). */
  readonly grade: ContentGrade | null;
  readonly language: string | null;
  readonly spans: readonly Pick<Span, 'stage' | 'enteredAt' | 'exitedAt'>[];
  /** First time each main stage was reached. */
  readonly reached: Readonly<Partial<Record<MainStageId, string>>>;
  readonly uses: readonly ContentUse[];
}

/** The stage a person was in at a time: the stay that had begun (a move at that instant counts). */
export function stageAt(spans: PersonContent['spans'], at: string): StageId | null {
  let stage: StageId | null = null;
  for (const s of spans) if (s.enteredAt <= at && (s.exitedAt === null || at < s.exitedAt)) stage = s.stage;
  return stage;
}

/**
 * A person's content uses from their activities. The email sent, opened and clicked of one
 * message are one use: uses of the same piece (or URL) by the same team on the same day count once.
 */
export function personContent(
  input: { readonly personId: string; readonly grade: ContentGrade | null; readonly language: string | null; readonly spans: readonly Span[]; readonly reached: Reached; readonly activities: readonly Activity[] },
  index: ContentIndex,
): PersonContent {
  const uses: ContentUse[] = [];
  const seen = new Set<string>();
  for (const a of input.activities) {
    const m = matchContent(index, a.properties);
    if (m === null) continue;
    const team: ContentTeam = a.actor !== null && a.actor !== '' ? 'sales' : 'marketing';
    const key = `${m.piece?.id ?? m.url}|${team}|${a.occurredAt.slice(0, 10)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    uses.push({ pieceId: m.piece?.id ?? null, url: m.url, at: a.occurredAt, team, type: a.type, stage: stageAt(input.spans, a.occurredAt) });
  }
  const reached: Partial<Record<MainStageId, string>> = {};
  for (const [stage, r] of Object.entries(input.reached) as [MainStageId, { at: string | null } | undefined][]) if (r?.at) reached[stage] = r.at;
  return { personId: input.personId, grade: input.grade, language: input.language, spans: input.spans.map((s) => ({ stage: s.stage, enteredAt: s.enteredAt, exitedAt: s.exitedAt })), reached, uses };
}
