import { describe, expect, it } from 'vitest';
import { contentInfluence, INFLUENCE_WARNING } from './content-influence.js';
import { HAND_CATALOGUE, HAND_PEOPLE, handPeople } from './hand-built-people.js';

/** Wilson bounds as the roots of (p̂ − p)² = z² p(1 − p) / n — written apart from domain/wilson.ts on purpose. */
function wilsonRoots(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const ph = x / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * ph + (z * z) / n);
  const c = ph * ph;
  const d = Math.sqrt(b * b - 4 * a * c);
  return [(-b - d) / (2 * a), (-b + d) / (2 * a)];
}

describe('content influence on a hand-built dataset', () => {
  const r = contentInfluence({ catalogue: HAND_CATALOGUE, people: handPeople(HAND_PEOPLE), from: '2024-01-01', to: '2024-12-31', at: '2025-01-01T00:00:00.000Z' });
  const caseA = r.pieces.find((p) => p.id === 'case-a' && p.stage === 'sal')!;

  it('counts exposed and control people as the dataset was built', () => {
    // Exposed: the 8 of E (6 reach sql). Control: grade A only (the exposed are all A), not
    // exposed while at sal: the 12 of C1 (3 convert), X1 (saw it as an MQL; no), X2 (sent it
    // after reaching sql; yes) = 14, 4 converted. C2 (grade C) and X3 (entered sal in 2023) are out.
    expect([caseA.exposed, caseA.exposedConverted, caseA.control, caseA.controlConverted]).toEqual([8, 6, 14, 4]);
    expect(caseA.exposedRate).toBe(6 / 8);
    expect(caseA.controlRate).toBe(4 / 14);
    expect(caseA.difference).toBeCloseTo(6 / 8 - 4 / 14, 12);
    expect(caseA.lift).toBeCloseTo(6 / 8 / (4 / 14), 12);
  });

  it('gives the Newcombe hybrid score interval of the difference', () => {
    const [l1, u1] = wilsonRoots(6, 8);
    const [l2, u2] = wilsonRoots(4, 14);
    const p1 = 6 / 8;
    const p2 = 4 / 14;
    expect(caseA.ci!.low).toBeCloseTo(p1 - p2 - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), 12);
    expect(caseA.ci!.high).toBeCloseTo(p1 - p2 + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2), 12);
    // The same figures from Python (scipy's normal quantile, the quadratic's roots), to 6 places.
    expect(caseA.ci!.low).toBeCloseTo(0.035219699, 6);
    expect(caseA.ci!.high).toBeCloseTo(0.709769094, 6);
  });

  it('has a row for each piece and stage it serves, with nulls where a group is empty', () => {
    expect(r.pieces.map((p) => `${p.id}:${p.stage}`)).toEqual(['ebook:inquiry', 'ebook:mql', 'case-a:sal', 'guide-sql:sql']);
    const guide = r.pieces.find((p) => p.id === 'guide-sql')!;
    expect([guide.exposed, guide.exposedRate, guide.lift, guide.ci]).toEqual([0, null, null, null]);
    // With no one exposed, the control is everyone at sql whose grade the piece serves (A) or ungraded: E 6 + C1 3 + X2 + X3, none moved on.
    expect([guide.control, guide.controlConverted]).toEqual([11, 2]);
  });

  it('lists the pieces in won journeys and says plainly that this is association', () => {
    expect(r.wonJourneys).toBe(2);
    expect(r.won).toEqual([{ id: 'case-a', title: 'case-a', wonJourneys: 2, share: 1 }]);
    expect(r.warning).toBe(INFLUENCE_WARNING);
    expect(r.warning).toMatch(/^Association, not proof/);
    expect(r.method).toContain('Newcombe');
  });
});
