import { TandemError } from '../domain/errors.js';
import type { Transition } from '../domain/lifecycle.js';
import type { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import type { RuleHit } from '../domain/qualification/score.js';
import { scoreAt } from '../domain/qualification/score.js';
import type { Grade } from '../domain/qualification/qualification-model.js';
import type { QualificationStore } from './ports/qualification-store.js';
import type { ReplayStore } from './ports/replay-store.js';
import { replayVersion, timelineOf } from './replay.js';
import type { ReplayContext } from './replay.js';

export interface PersonExplanation {
  readonly person: {
    readonly id: string;
    readonly email: string | null;
    readonly name: string | null;
    readonly company: string | null;
    readonly source: string | null;
    readonly createdAt: string | null;
  };
  readonly at: string;
  /** The qualification model the score is under; null when none is adopted. */
  readonly model: { readonly id: string; readonly version: string } | null;
  readonly score: {
    readonly fit: number;
    readonly engagement: number;
    readonly total: number;
    readonly grade: Grade;
    readonly qualified: boolean;
    readonly thresholds: { readonly fit: number; readonly total: number };
  } | null;
  /** The rules that gave points at `at`, with the points they gave. */
  readonly rules: readonly RuleHit[];
  /** When the model first made the person an MQL, with the rules that fired then. */
  readonly crossing: { readonly at: string; readonly fit: number; readonly total: number; readonly rules: readonly RuleHit[] } | null;
  readonly timeline: {
    readonly version: string;
    /** `stored`: as the last replay wrote it; `computed`: replayed now because nothing is stored under the version. */
    readonly source: 'stored' | 'computed';
    readonly transitions: readonly Transition[];
  };
  /** Other replay versions this person has a stored timeline under (older models stay queryable). */
  readonly otherVersions: readonly string[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const roundHits = (hits: readonly RuleHit[]): RuleHit[] => hits.map((h) => ({ ...h, points: round2(h.points) }));

/** Why a person stands where they stand: score, rules that fired, grade, and the stage timeline with reasons. */
export async function explainPerson(
  stores: { readonly qualification: QualificationStore; readonly replay: ReplayStore },
  ctx: ReplayContext,
  ref: string,
  version: string | null,
): Promise<PersonExplanation> {
  const ids = await stores.qualification.findPersons(ref);
  if (ids.length === 0) throw new TandemError('NOT_FOUND', `no person matches "${ref}" (by id, email or source id)`, { place: { field: 'id' } });
  if (ids.length > 1) throw new TandemError('BAD_INPUT', `"${ref}" matches ${ids.length} persons (${ids.slice(0, 5).join(', ')}); give the person id`, { place: { field: 'id' } });
  const [row] = await stores.replay.personActivities(ids);
  if (!row) throw new TandemError('NOT_FOUND', `person ${ids[0]} has no data`);
  const provider = ctx.providers.find((p): p is QualificationProvider => p.id === 'qualification' && 'compiled' in p) ?? null;
  const atMs = Date.parse(ctx.at);
  let score: PersonExplanation['score'] = null;
  let rules: RuleHit[] = [];
  let crossing: PersonExplanation['crossing'] = null;
  if (provider) {
    const e = provider.evaluation(row, ctx.at);
    const now = scoreAt(provider.compiled, e.prepared, atMs);
    score = {
      fit: round2(now.fit),
      engagement: round2(now.engagement),
      total: round2(now.total),
      grade: now.grade,
      qualified: now.qualified,
      thresholds: provider.model.thresholds.mql,
    };
    rules = roundHits(now.hits);
    if (e.crossing) {
      const then = scoreAt(provider.compiled, e.prepared, e.crossing.at);
      crossing = { at: new Date(e.crossing.at).toISOString(), fit: round2(then.fit), total: round2(then.total), rules: roundHits(then.hits) };
    }
  }
  const wanted = version ?? replayVersion(ctx);
  const stored = await stores.qualification.transitions(row.personId, wanted);
  const versions = await stores.qualification.replayedVersions(row.personId);
  if (version !== null && stored.length === 0 && !versions.includes(version)) {
    throw new TandemError('NOT_FOUND', `person ${row.personId} has no timeline under version ${version}; stored: ${versions.join(', ') || 'none'}`, { place: { field: 'version' } });
  }
  const timeline =
    stored.length > 0 || versions.includes(wanted)
      ? { version: wanted, source: 'stored' as const, transitions: stored }
      : { version: wanted, source: 'computed' as const, transitions: timelineOf(ctx, row).transitions };
  const p = row.person;
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ') || null;
  return {
    person: { id: p.id, email: p.email, name, company: p.company, source: p.source, createdAt: p.createdAt },
    at: ctx.at,
    model: provider ? { id: provider.model.id, version: provider.model.version } : null,
    score,
    rules,
    crossing,
    timeline,
    otherVersions: versions.filter((v) => v !== wanted),
  };
}
