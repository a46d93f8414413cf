import { MAIN_STAGES } from '../stage.js';
import type { StageId, Team } from '../stage.js';
import type { ContentCatalogue, ContentGrade } from './content-catalogue.js';
import { availableIn, CONTENT_GRADES } from './content-catalogue.js';
import type { PersonContent } from './person-content.js';

/** A cell's grade: a buyer grade, or `ungraded` for people no grade is known for (any piece of the stage fits them). */
export type CoverageGrade = ContentGrade | 'ungraded';

export interface CoverageCell {
  readonly stage: StageId;
  readonly grade: CoverageGrade;
  /** Pieces available in the period that serve the stage and grade. */
  readonly pieces: number;
  readonly pieceIds: readonly string[];
  /** Uses of catalogue pieces in the period, by people in this stage and grade at the time. */
  readonly uses: { readonly sales: number; readonly marketing: number; readonly total: number };
  /** People in this stage and grade at some time of the period. */
  readonly people: number;
}

/** A stage sales works where people stood in the period and sales had nothing to send them. */
export interface CoverageGap {
  readonly stage: StageId;
  readonly grade: CoverageGrade;
  readonly owner: Team;
  readonly people: number;
}

export interface ContentCoverage {
  readonly catalogueVersion: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly cells: readonly CoverageCell[];
  readonly gaps: readonly CoverageGap[];
}

export interface CoverageInput {
  readonly catalogue: ContentCatalogue;
  readonly people: readonly PersonContent[];
  /** Inclusive days (YYYY-MM-DD); null: open. */
  readonly from: string | null;
  readonly to: string | null;
  /** Owner team of each stage (the funnel model's). Gaps are reported for stages sales or both teams own. */
  readonly owners: Readonly<Partial<Record<StageId, Team>>>;
}

const startOf = (day: string | null): string => (day === null ? '' : `${day}T00:00:00.000Z`);
const endOf = (day: string | null): string => (day === null ? '\uffff' : `${day}T23:59:59.999Z`);

/**
 * For each stage × grade: the pieces available in the period, their uses by sales and by
 * marketing, and the people there; the gaps are the cells of sales' stages with people and no piece.
 * Stages: the main path before won, plus side stages a piece serves. Grades: A–D when anyone
 * is graded, `ungraded` when anyone is not.
 */
export function contentCoverage(input: CoverageInput): ContentCoverage {
  const { catalogue, people, from, to } = input;
  const lo = startOf(from);
  const hi = endOf(to);
  const available = catalogue.pieces.filter((p) => availableIn(p, from, to));
  const stages: StageId[] = MAIN_STAGES.filter((s) => s !== 'won');
  for (const p of catalogue.pieces) for (const s of p.stages) if (!stages.includes(s)) stages.push(s);
  const grades: CoverageGrade[] = [];
  if (people.some((p) => p.grade !== null)) grades.push(...CONTENT_GRADES);
  if (people.some((p) => p.grade === null)) grades.push('ungraded');
  const key = (stage: StageId, grade: CoverageGrade): string => `${stage}|${grade}`;
  const present = new Map<string, number>();
  const uses = new Map<string, { sales: number; marketing: number }>();
  for (const person of people) {
    const grade: CoverageGrade = person.grade ?? 'ungraded';
    const stood = new Set(person.spans.filter((s) => s.enteredAt <= hi && (s.exitedAt === null || s.exitedAt > lo)).map((s) => s.stage));
    for (const s of stood) present.set(key(s, grade), (present.get(key(s, grade)) ?? 0) + 1);
    for (const u of person.uses) {
      if (u.pieceId === null || u.stage === null || u.at < lo || u.at > hi) continue;
      const c = uses.get(key(u.stage, grade)) ?? { sales: 0, marketing: 0 };
      c[u.team]++;
      uses.set(key(u.stage, grade), c);
    }
  }
  const cells: CoverageCell[] = [];
  const gaps: CoverageGap[] = [];
  for (const stage of stages) {
    for (const grade of grades) {
      const pieceIds = available.filter((p) => p.stages.includes(stage) && (grade === 'ungraded' || p.grades.includes(grade))).map((p) => p.id);
      const u = uses.get(key(stage, grade)) ?? { sales: 0, marketing: 0 };
      const n = present.get(key(stage, grade)) ?? 0;
      cells.push({ stage, grade, pieces: pieceIds.length, pieceIds, uses: { ...u, total: u.sales + u.marketing }, people: n });
      const owner = input.owners[stage] ?? 'marketing';
      if (pieceIds.length === 0 && n > 0 && owner !== 'marketing') gaps.push({ stage, grade, owner, people: n });
    }
  }
  return { catalogueVersion: catalogue.version, from, to, cells, gaps };
}
