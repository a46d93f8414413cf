import { newcombe } from '../newcombe.js';
import { MAIN_STAGES, mainIndex } from '../stage.js';
import type { MainStageId } from '../stage.js';
import type { ContentCatalogue } from './content-catalogue.js';
import type { PersonContent } from './person-content.js';

/** Said with every influence figure, because it is true of all of them. */
export const INFLUENCE_WARNING =
  'Association, not proof: people who received a piece may differ from those who did not in ways the grade does not capture (a rep sends the case study to the deals already going well). Read a lift as a question to test, not as an effect.';

export const INFLUENCE_METHOD =
  'Conversion = reaching any later main stage by the report time. Exposed: people who entered the stage in the period and received the piece while there (before moving on). Control: the others who entered the stage in the period with a grade among the exposed people’s. Interval: 95% Newcombe hybrid score interval (Wilson-based) for the difference of the two conversion rates.';

/** One piece at one stage: exposed vs control conversion to the next stage. */
export interface PieceInfluence {
  readonly id: string;
  readonly title: string;
  readonly stage: MainStageId;
  readonly exposed: number;
  readonly exposedConverted: number;
  readonly control: number;
  readonly controlConverted: number;
  /** Conversion rates (0..1; null when the group is empty). */
  readonly exposedRate: number | null;
  readonly controlRate: number | null;
  /** exposedRate − controlRate. */
  readonly difference: number | null;
  /** exposedRate ÷ controlRate (null when the control rate is 0 or unknown). */
  readonly lift: number | null;
  /** 95% interval of the difference; null when a group is empty. */
  readonly ci: { readonly low: number; readonly high: number } | null;
}

/** How often a piece appears in the journeys of people who reached won. */
export interface WonPresence {
  readonly id: string;
  readonly title: string;
  readonly wonJourneys: number;
  /** Share of all won journeys in the period (0..1). */
  readonly share: number;
}

export interface ContentInfluence {
  readonly catalogueVersion: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly at: string;
  readonly pieces: readonly PieceInfluence[];
  readonly wonJourneys: number;
  readonly won: readonly WonPresence[];
  readonly warning: string;
  readonly method: string;
}

const inPeriod = (t: string, from: string | null, to: string | null): boolean => (from === null || t.slice(0, 10) >= from) && (to === null || t.slice(0, 10) <= to);

/** When a person left stage S forward: the first time they reached a later main stage (null: never). */
function movedOn(p: PersonContent, stage: MainStageId): string | null {
  let first: string | null = null;
  for (const later of MAIN_STAGES.slice(mainIndex(stage) + 1)) {
    const t = p.reached[later];
    if (t !== undefined && (first === null || t < first)) first = t;
  }
  return first;
}

/**
 * For each piece and each main stage it serves (before won): conversion of the people who
 * received it at that stage against people at the same stage and grade who did not, with the
 * interval of the difference; and the pieces most present in won journeys. People are counted
 * by the stage entries (first reach) that fall in the period.
 */
export function contentInfluence(input: { readonly catalogue: ContentCatalogue; readonly people: readonly PersonContent[]; readonly from: string | null; readonly to: string | null; readonly at: string }): ContentInfluence {
  const { catalogue, people, from, to, at } = input;
  const rows: PieceInfluence[] = [];
  for (const piece of catalogue.pieces) {
    for (const stage of MAIN_STAGES) {
      if (stage === 'won' || !piece.stages.includes(stage)) continue;
      const cohort = people
        .filter((p) => p.reached[stage] !== undefined && p.reached[stage]! <= at && inPeriod(p.reached[stage]!, from, to))
        .map((p) => {
          const entered = p.reached[stage]!;
          const next = movedOn(p, stage);
          // Received while there: from entering the stage until moving on (exclusive), not after `at`.
          const exposed = p.uses.some((u) => u.pieceId === piece.id && u.at >= entered && u.at <= at && (next === null || u.at < next));
          return { grade: p.grade ?? 'ungraded', exposed, converted: next !== null && next <= at };
        });
      const exposedGroup = cohort.filter((c) => c.exposed);
      const grades = new Set<string>(exposedGroup.length > 0 ? exposedGroup.map((c) => c.grade) : [...piece.grades, 'ungraded']);
      const controlGroup = cohort.filter((c) => !c.exposed && grades.has(c.grade));
      const e = exposedGroup.length;
      const ec = exposedGroup.filter((c) => c.converted).length;
      const c = controlGroup.length;
      const cc = controlGroup.filter((x) => x.converted).length;
      const d = newcombe(ec, e, cc, c);
      const exposedRate = e > 0 ? ec / e : null;
      const controlRate = c > 0 ? cc / c : null;
      rows.push({
        id: piece.id,
        title: piece.title,
        stage,
        exposed: e,
        exposedConverted: ec,
        control: c,
        controlConverted: cc,
        exposedRate,
        controlRate,
        difference: d.difference,
        lift: exposedRate !== null && controlRate !== null && controlRate > 0 ? exposedRate / controlRate : null,
        ci: d.low === null || d.high === null ? null : { low: d.low, high: d.high },
      });
    }
  }
  const winners = people.filter((p) => p.reached.won !== undefined && p.reached.won <= at && inPeriod(p.reached.won, from, to));
  const won = catalogue.pieces
    .map((piece) => {
      const n = winners.filter((p) => p.uses.some((u) => u.pieceId === piece.id && u.at <= p.reached.won!)).length;
      return { id: piece.id, title: piece.title, wonJourneys: n, share: winners.length > 0 ? n / winners.length : 0 };
    })
    .filter((w) => w.wonJourneys > 0)
    .sort((a, b) => b.wonJourneys - a.wonJourneys || a.id.localeCompare(b.id));
  return { catalogueVersion: catalogue.version, from, to, at, pieces: rows, wonJourneys: winners.length, won, warning: INFLUENCE_WARNING, method: INFLUENCE_METHOD };
}
