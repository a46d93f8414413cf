import { describe, expect, it } from 'vitest';
import { contentCoverage } from './content-coverage.js';
import type { ContentCoverage } from './content-coverage.js';
import { HAND_CATALOGUE, HAND_PEOPLE, handPeople } from './hand-built-people.js';

const owners = { inquiry: 'marketing', mql: 'marketing', sal: 'sales', sql: 'sales', opportunity: 'sales' } as const;
const coverage = (from: string, to: string): ContentCoverage => contentCoverage({ catalogue: HAND_CATALOGUE, people: handPeople(HAND_PEOPLE), from, to, owners });
const cell = (c: ContentCoverage, stage: string, grade: string) => c.cells.find((x) => x.stage === stage && x.grade === grade)!;

describe('content coverage on a hand-built dataset', () => {
  const h1 = coverage('2024-01-01', '2024-06-30');
  const h2 = coverage('2024-07-01', '2024-12-31');

  it('has a cell per stage before won × grade A–D (everyone is graded, so no ungraded cells)', () => {
    expect(h1.cells).toHaveLength(5 * 4);
    expect(new Set(h1.cells.map((c) => c.grade))).toEqual(new Set(['A', 'B', 'C', 'D']));
  });

  it('counts the pieces available in the period for each stage and grade', () => {
    expect([cell(h1, 'sal', 'A').pieces, cell(h1, 'sal', 'B').pieces, cell(h1, 'sal', 'C').pieces]).toEqual([1, 1, 0]);
    expect(cell(h1, 'sql', 'A').pieces).toBe(0); // the guide arrives on 2024-07-01
    expect(cell(h2, 'sql', 'A').pieceIds).toEqual(['guide-sql']);
    expect(cell(h1, 'mql', 'D').pieceIds).toEqual(['ebook']);
  });

  it('counts uses by sales and by marketing at the stage the person stood in then', () => {
    // E: 8 rep emails at sal. X1: a page view while an MQL. X2: a rep email after reaching sql. X3's is in 2023.
    expect(cell(h1, 'sal', 'A').uses).toEqual({ sales: 8, marketing: 0, total: 8 });
    expect(cell(h1, 'mql', 'A').uses).toEqual({ sales: 0, marketing: 1, total: 1 });
    expect(cell(h1, 'sql', 'A').uses).toEqual({ sales: 1, marketing: 0, total: 1 });
    expect(h2.cells.reduce((n, c) => n + c.uses.total, 0)).toBe(0);
  });

  it('counts the people who stood in each cell during the period', () => {
    // sal, A: E 8 + C1 12 + X1 + X2 + X3 (in sal until 2024-01-10). sql, A: E 6 + C1 3 + X2 + X3.
    expect([cell(h1, 'sal', 'A').people, cell(h1, 'sal', 'C').people, cell(h1, 'sql', 'A').people, cell(h1, 'sql', 'C').people]).toEqual([23, 5, 11, 4]);
    expect(cell(h1, 'opportunity', 'A').people).toBe(2);
    // In H2 only the open stays remain: sal A: E 2 + C1 9 + X1; sal C: 1; sql A: 11 less the 2 who moved on to opportunity.
    expect([cell(h2, 'sal', 'A').people, cell(h2, 'sal', 'C').people, cell(h2, 'sql', 'A').people, cell(h2, 'opportunity', 'A').people]).toEqual([12, 1, 9, 0]);
  });

  it('finds the gaps: sales stages with people and nothing to send; the guide closes sql for grade A in H2', () => {
    expect(h1.gaps.map((g) => `${g.stage}/${g.grade}:${g.people}`)).toEqual(['sal/C:5', 'sql/A:11', 'sql/C:4', 'opportunity/A:2']);
    expect(h2.gaps.map((g) => `${g.stage}/${g.grade}:${g.people}`)).toEqual(['sal/C:1', 'sql/C:4']);
    expect(h1.gaps.every((g) => g.owner === 'sales')).toBe(true);
  });

  it('shows an ungraded cell for people no grade is known for, served by any piece of the stage', () => {
    const people = handPeople([{ id: 'u', grade: null, reached: { inquiry: '2024-01-05', mql: '2024-01-10', sal: '2024-01-20' } }]);
    const c = contentCoverage({ catalogue: HAND_CATALOGUE, people, from: '2024-01-01', to: '2024-06-30', owners });
    expect(c.cells.map((x) => x.grade)).toEqual(Array(5).fill('ungraded'));
    expect(c.cells.find((x) => x.stage === 'sal')!.pieces).toBe(1);
    expect(c.gaps).toEqual([]);
  });
});
