import type { Rule } from './rule.js';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** Minimum fit score per grade; below C is D. */
export interface GradeCutoffs {
  readonly A: number;
  readonly B: number;
  readonly C: number;
}

/**
 * The buyer profile (fit rules and grades), the engagement rules and the MQL thresholds both
 * teams agreed on. Versioned by the hash of its file's content.
 */
export interface QualificationModel {
  readonly id: string;
  /** `<id>@<content hash>`. */
  readonly version: string;
  readonly profile: { readonly rules: readonly Rule[]; readonly grades: GradeCutoffs };
  readonly engagement: { readonly rules: readonly Rule[] };
  /** MQL when fit ≥ `fit` and fit + engagement ≥ `total`, both at the same time. */
  readonly thresholds: { readonly mql: { readonly fit: number; readonly total: number } };
}

export function gradeOf(fit: number, grades: GradeCutoffs): Grade {
  if (fit >= grades.A) return 'A';
  if (fit >= grades.B) return 'B';
  if (fit >= grades.C) return 'C';
  return 'D';
}
