import type { Activity } from '../entities.js';
import type { Span } from '../lifecycle.js';
import { MAIN_STAGES } from '../stage.js';
import type { MainStageId } from '../stage.js';
import type { ContentCatalogue, ContentGrade, ContentPiece } from './content-catalogue.js';
import { contentIndex } from './match-content.js';
import { personContent } from './person-content.js';
import type { PersonContent } from './person-content.js';

/** Test support: a small catalogue and people built by hand, so tests can count expected figures themselves. */
const piece = (p: Partial<ContentPiece> & Pick<ContentPiece, 'id' | 'stages'>): ContentPiece => ({
  title: p.id, url: `https://www.orbit.example/${p.id}`, aliases: [], type: 'guide', grades: ['A', 'B', 'C', 'D'], team: 'marketing', language: 'en', since: null, until: null, ...p,
});

export const HAND_CATALOGUE: ContentCatalogue = {
  id: 'hand', version: 'hand@1', defaultLanguage: 'en',
  pieces: [
    piece({ id: 'ebook', stages: ['inquiry', 'mql'] }),
    piece({ id: 'case-a', stages: ['sal'], grades: ['A', 'B'], type: 'case_study' }),
    piece({ id: 'guide-sql', stages: ['sql'], grades: ['A'], team: 'sales', since: '2024-07-01' }),
  ],
};

export interface HandPerson {
  readonly id: string;
  readonly grade: ContentGrade | null;
  readonly reached: Partial<Record<MainStageId, string>>;
  /** [piece id, day, by a rep?] — written as URL variants the matcher must undo. */
  readonly uses?: readonly (readonly [string, string, boolean])[];
}

const t = (day: string): string => `${day}T10:00:00.000Z`;

/** Spans along the main path from the reach times; the last stay is open. */
function spansOf(id: string, reached: HandPerson['reached']): Span[] {
  const stages = MAIN_STAGES.filter((s) => reached[s] !== undefined);
  return stages.map((stage, i) => ({ personId: id, stage, enteredAt: t(reached[stage]!), exitedAt: stages[i + 1] ? t(reached[stages[i + 1]!]!) : null, nextStage: stages[i + 1] ?? null }));
}

export function handPeople(list: readonly HandPerson[]): PersonContent[] {
  const index = contentIndex(HAND_CATALOGUE);
  return list.map((p) => {
    const activities: Activity[] = (p.uses ?? []).map(([pieceId, day, rep], i) => ({
      id: `${p.id}-a${i}`, personId: p.id, source: rep ? 'crm' : 'map', externalId: `${p.id}-${i}`, type: rep ? 'email_sent' : 'page_view', occurredAt: t(day), actor: rep ? 'rep' : null, stage: null,
      properties: { url: `http://orbit.example/${pieceId}/?utm_source=test&utm_medium=${rep ? 'email' : 'web'}` },
    }));
    const reached = Object.fromEntries(Object.entries(p.reached).map(([s, d]) => [s, { at: t(d) }]));
    return personContent({ personId: p.id, grade: p.grade, language: null, spans: spansOf(p.id, p.reached), reached, activities }, index);
  });
}

const range = (n: number, f: (i: number) => HandPerson): HandPerson[] => Array.from({ length: n }, (_, i) => f(i));
const path = { inquiry: '2024-01-05', mql: '2024-01-10', sal: '2024-01-20' };

/**
 * The dataset of the coverage and influence tests:
 * - E: 8 grade-A people sent case-a by a rep while at sal; 6 reach sql (2 of those go on to win);
 * - C1: 12 grade-A people at sal with nothing; 3 reach sql;
 * - C2: 5 grade-C people at sal with nothing; 4 reach sql;
 * - X1: grade A, saw case-a while still an MQL, stays at sal;
 * - X2: grade A, reaches sql, then is sent case-a (after moving on);
 * - X3: grade A, entered sal in 2023 and was sent case-a then; reaches sql in January 2024.
 */
export const HAND_PEOPLE: readonly HandPerson[] = [
  ...range(8, (i) => ({
    id: `e${i}`, grade: 'A' as const,
    reached: { ...path, ...(i < 6 ? { sql: '2024-02-10' } : {}), ...(i < 2 ? { opportunity: '2024-02-20', won: '2024-03-01' } : {}) },
    uses: [['case-a', '2024-01-25', true]] as const,
  })),
  ...range(12, (i) => ({ id: `c1-${i}`, grade: 'A' as const, reached: { ...path, ...(i < 3 ? { sql: '2024-02-10' } : {}) } })),
  ...range(5, (i) => ({ id: `c2-${i}`, grade: 'C' as const, reached: { ...path, ...(i < 4 ? { sql: '2024-02-10' } : {}) } })),
  { id: 'x1', grade: 'A', reached: path, uses: [['case-a', '2024-01-12', false]] },
  { id: 'x2', grade: 'A', reached: { ...path, sql: '2024-02-10' }, uses: [['case-a', '2024-02-15', true]] },
  { id: 'x3', grade: 'A', reached: { inquiry: '2023-11-01', mql: '2023-11-10', sal: '2023-12-01', sql: '2024-01-10' }, uses: [['case-a', '2023-12-05', true]] },
];
