import type { ContentCatalogue, ContentGrade } from '../domain/content/content-catalogue.js';
import { CONTENT_GRADES } from '../domain/content/content-catalogue.js';
import { contentIndex } from '../domain/content/match-content.js';
import type { ContentIndex } from '../domain/content/match-content.js';
import { personContent } from '../domain/content/person-content.js';
import type { PersonContent } from '../domain/content/person-content.js';
import type { Timeline } from '../domain/lifecycle.js';
import { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import { scoreAt } from '../domain/qualification/score.js';
import type { FollowUpStore, PersonFollowUp } from './ports/follow-up-store.js';
import { timelineOf } from './replay.js';
import type { ReplayContext } from './replay.js';

const PAGE = 2000;

/** Attributes a person's language is read from (an import's unmapped columns keep their snake_case names). */
const LANGUAGE_ATTRIBUTES = ['language', 'preferred_language', 'hs_language'];

/**
 * A person's buyer grade: the fit grade of the adopted qualification model at the time; without
 * one, a `grade` attribute (A–D) the import carried; else ungraded.
 */
export function gradeOf(ctx: ReplayContext, p: PersonFollowUp): ContentGrade | null {
  const provider = ctx.providers.find((x): x is QualificationProvider => x instanceof QualificationProvider);
  if (provider) {
    const history = { person: p.person, activities: p.activities, account: p.account ?? null, firstSeenAt: p.firstSeenAt ?? null, matched: p.matched };
    return scoreAt(provider.compiled, provider.evaluation(history, ctx.at).prepared, Date.parse(ctx.at)).grade;
  }
  const raw = p.person.attributes.grade;
  const g = typeof raw === 'string' ? raw.trim().toUpperCase() : null;
  return g !== null && (CONTENT_GRADES as readonly string[]).includes(g) ? (g as ContentGrade) : null;
}

/** A person's language (two letters, lower case) from their attributes, if known. */
export function languageOf(p: PersonFollowUp): string | null {
  for (const key of LANGUAGE_ATTRIBUTES) {
    const v = p.person.attributes[key];
    if (typeof v === 'string' && /^[a-z]{2}/i.test(v.trim())) return v.trim().slice(0, 2).toLowerCase();
  }
  return null;
}

/** One person's content facts, replayed at the context's time. */
export function contentOf(ctx: ReplayContext, index: ContentIndex, p: PersonFollowUp, timeline: Timeline = timelineOf(ctx, p)): PersonContent {
  return personContent(
    { personId: p.personId, grade: gradeOf(ctx, p), language: languageOf(p), spans: timeline.spans, reached: timeline.journey.reached, activities: p.activities },
    index,
  );
}

/** Everyone's content facts, page by page (each person replayed at the context's time, as the work queue does). */
export async function scanContent(store: FollowUpStore, ctx: ReplayContext, catalogue: ContentCatalogue): Promise<PersonContent[]> {
  const index = contentIndex(catalogue);
  const out: PersonContent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.pagePeople(after, PAGE);
    if (page.length === 0) return out;
    for (const p of page) out.push(contentOf(ctx, index, p));
    after = page[page.length - 1]!.personId;
  }
}
