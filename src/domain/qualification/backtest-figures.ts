import type { Grade, QualificationModel } from './qualification-model.js';
import { GRADES, gradeOf } from './qualification-model.js';
import { rocAuc } from './roc-auc.js';

/** What the backtest learns about one person of the cohort, from the engine's replay and the model's scores. */
export interface PersonOutcome {
  readonly won: boolean;
  /** Major units of the report currency; 0 when the deal carries no amount. */
  readonly wonAmount: number;
  readonly reachedSql: boolean;
  readonly reachedOpportunity: boolean;
  /** Highest fit up to the decision (won time for the won, evaluation time for the others). */
  readonly peakFit: number | null;
  /** Highest total up to the decision: the score the AUC ranks. */
  readonly peak: number | null;
  /** Highest total while fit met its threshold, up to the evaluation time (qualified when ≥ total threshold). */
  readonly gatedPeak: number | null;
  /** The same up to the decision: a won person counts as kept only if qualified by then. */
  readonly gatedPeakBeforeDecision: number | null;
}

export interface SweepPoint {
  readonly threshold: number;
  readonly qualified: number;
  readonly wonAmongQualified: number;
  readonly recall: number | null;
  readonly precision: number | null;
}

export interface BacktestFigures {
  readonly inquiries: number;
  readonly qualified: number;
  readonly filteredByProfile: number;
  readonly won: number;
  readonly wonAmongQualified: number;
  readonly wonFilteredByProfile: number;
  readonly sqlReached: number;
  readonly sqlAmongQualified: number;
  readonly opportunityReached: number;
  readonly opportunityAmongQualified: number;
  /** Share of the won people the model qualified before they were won. */
  readonly recall: number | null;
  /** Share of the qualified people later won. */
  readonly precision: number | null;
  readonly wonAmount: number;
  readonly wonAmountKept: number;
  readonly wonAmountLost: number;
  /** ROC AUC of the score (highest total before the outcome) against won. */
  readonly auc: number | null;
  /** ROC AUC of the grade (A > B > C > D) against won. */
  readonly gradeAuc: number | null;
  readonly grades: Readonly<Record<Grade, { readonly persons: number; readonly won: number }>>;
  readonly sweep: readonly SweepPoint[];
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * An accumulator's raw state: what parts of a backtest run elsewhere (e.g. in other threads) send
 * back to be merged. One entry per person in typed arrays: 26 bytes a person, copied in one block
 * between threads and merged with `set`.
 */
export interface AccumulatorState {
  readonly scores: Float64Array;
  readonly gradeRanks: Uint8Array;
  /** 1 for won, 0 for not. */
  readonly wonFlags: Uint8Array;
  readonly gated: Float64Array;
  readonly gatedDecision: Float64Array;
  readonly counts: Record<string, number>;
  readonly amount: { won: number; kept: number };
  readonly grades: Record<Grade, { persons: number; won: number }>;
}

/** Per-person numbers in typed arrays that grow by doubling (no boxed numbers for the garbage collector to trace). */
class Columns {
  n = 0;
  scores = new Float64Array(1024);
  gradeRanks = new Uint8Array(1024);
  wonFlags = new Uint8Array(1024);
  gated = new Float64Array(1024);
  gatedDecision = new Float64Array(1024);

  reserve(more: number): void {
    const need = this.n + more;
    if (need <= this.scores.length) return;
    let size = this.scores.length;
    while (size < need) size *= 2;
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.scores = grow(this.scores, (k) => new Float64Array(k));
    this.gradeRanks = grow(this.gradeRanks, (k) => new Uint8Array(k));
    this.wonFlags = grow(this.wonFlags, (k) => new Uint8Array(k));
    this.gated = grow(this.gated, (k) => new Float64Array(k));
    this.gatedDecision = grow(this.gatedDecision, (k) => new Float64Array(k));
  }
}

const GRADE_RANK: Readonly<Record<Grade, number>> = { A: 3, B: 2, C: 1, D: 0 };

/** Accumulates person outcomes into the backtest's figures; memory is a few numbers per person. */
export class BacktestAccumulator {
  private readonly cols = new Columns();
  private c = { inquiries: 0, qualified: 0, filtered: 0, won: 0, kept: 0, wonFiltered: 0, sql: 0, sqlQ: 0, opp: 0, oppQ: 0 };
  private amount = { won: 0, kept: 0 };
  private readonly grades: Record<Grade, { persons: number; won: number }> = { A: { persons: 0, won: 0 }, B: { persons: 0, won: 0 }, C: { persons: 0, won: 0 }, D: { persons: 0, won: 0 } };

  constructor(private readonly model: QualificationModel) {}

  state(): AccumulatorState {
    const k = this.cols;
    return {
      scores: k.scores.slice(0, k.n),
      gradeRanks: k.gradeRanks.slice(0, k.n),
      wonFlags: k.wonFlags.slice(0, k.n),
      gated: k.gated.slice(0, k.n),
      gatedDecision: k.gatedDecision.slice(0, k.n),
      counts: this.c,
      amount: this.amount,
      grades: this.grades,
    };
  }

  /** Adds another part's people (same model), as if they had been added here. */
  merge(s: AccumulatorState): void {
    for (const [k, v] of Object.entries(s.counts)) this.c[k as keyof typeof this.c] += v;
    this.amount.won += s.amount.won;
    this.amount.kept += s.amount.kept;
    for (const g of GRADES) {
      this.grades[g].persons += s.grades[g].persons;
      this.grades[g].won += s.grades[g].won;
    }
    const k = this.cols;
    k.reserve(s.scores.length);
    k.scores.set(s.scores, k.n);
    k.gradeRanks.set(s.gradeRanks, k.n);
    k.wonFlags.set(s.wonFlags, k.n);
    k.gated.set(s.gated, k.n);
    k.gatedDecision.set(s.gatedDecision, k.n);
    k.n += s.scores.length;
  }

  add(o: PersonOutcome): void {
    const { fit, total } = this.model.thresholds.mql;
    const c = this.c;
    c.inquiries++;
    const qualified = o.gatedPeak !== null && o.gatedPeak >= total;
    const kept = o.won && o.gatedPeakBeforeDecision !== null && o.gatedPeakBeforeDecision >= total;
    const filtered = o.peakFit === null || o.peakFit < fit;
    if (qualified) c.qualified++;
    if (filtered) c.filtered++;
    if (o.won) {
      c.won++;
      this.amount.won += o.wonAmount;
      if (kept) {
        c.kept++;
        this.amount.kept += o.wonAmount;
      }
      if (filtered) c.wonFiltered++;
    }
    if (o.reachedSql) {
      c.sql++;
      if (qualified) c.sqlQ++;
    }
    if (o.reachedOpportunity) {
      c.opp++;
      if (qualified) c.oppQ++;
    }
    const grade = gradeOf(o.peakFit ?? Number.NEGATIVE_INFINITY, this.model.profile.grades);
    this.grades[grade].persons++;
    if (o.won) this.grades[grade].won++;
    const k = this.cols;
    k.reserve(1);
    const i = k.n++;
    k.scores[i] = o.peak ?? Number.NEGATIVE_INFINITY;
    k.gradeRanks[i] = GRADE_RANK[grade];
    k.wonFlags[i] = o.won ? 1 : 0;
    k.gated[i] = o.gatedPeak ?? Number.NEGATIVE_INFINITY;
    k.gatedDecision[i] = o.won ? (o.gatedPeakBeforeDecision ?? Number.NEGATIVE_INFINITY) : Number.NEGATIVE_INFINITY;
  }

  /** Qualified and captured at each candidate threshold on the total (fit threshold held). */
  private sweep(): SweepPoint[] {
    const { n, gated, gatedDecision } = this.cols;
    // A numeric sort of a typed array: no comparator calls for a million persons.
    const finite = gated.subarray(0, n).filter((v) => Number.isFinite(v)).sort();
    const candidates = new Set<number>([this.model.thresholds.mql.total]);
    for (let q = 0.05; q < 1; q += 0.05) {
      if (finite.length > 0) candidates.add(Math.round(finite[Math.floor(q * (finite.length - 1))]! * 100) / 100);
    }
    return [...candidates]
      .sort((a, b) => a - b)
      .map((threshold) => {
        let qualified = 0;
        let kept = 0;
        for (let i = 0; i < n; i++) {
          if (gated[i]! >= threshold) qualified++;
          if (gatedDecision[i]! >= threshold) kept++;
        }
        return { threshold, qualified, wonAmongQualified: kept, recall: ratio(kept, this.c.won), precision: ratio(kept, qualified) };
      });
  }

  result(): BacktestFigures {
    const c = this.c;
    const { n, scores, gradeRanks, wonFlags } = this.cols;
    const won = wonFlags.subarray(0, n);
    const auc = rocAuc(scores.subarray(0, n), won);
    return {
      inquiries: c.inquiries,
      qualified: c.qualified,
      filteredByProfile: c.filtered,
      won: c.won,
      wonAmongQualified: c.kept,
      wonFilteredByProfile: c.wonFiltered,
      sqlReached: c.sql,
      sqlAmongQualified: c.sqlQ,
      opportunityReached: c.opp,
      opportunityAmongQualified: c.oppQ,
      recall: ratio(c.kept, c.won),
      precision: ratio(c.kept, c.qualified),
      wonAmount: this.amount.won,
      wonAmountKept: this.amount.kept,
      wonAmountLost: this.amount.won - this.amount.kept,
      auc,
      gradeAuc: rocAuc(gradeRanks.subarray(0, n), won),
      grades: Object.fromEntries(GRADES.map((g) => [g, { ...this.grades[g] }])) as BacktestFigures['grades'],
      sweep: this.sweep(),
    };
  }
}
