import type { Evaluation } from '../domain/qualification/evaluate.js';
import type { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import type { RuleHit } from '../domain/qualification/score.js';
import { scoreAt } from '../domain/qualification/score.js';
import { backtestReport } from './backtest-report.js';
import type { BacktestReport } from './backtest-report.js';
import { runBacktest } from './backtest.js';
import type { BacktestRequest, ScoredPerson } from './backtest.js';
import type { QualificationStore } from './ports/qualification-store.js';
import type { ReplayContext } from './replay.js';

/** How one model saw a person who moves between models. */
export interface MoverView {
  readonly qualified: boolean;
  /** When the model made them an MQL, or null. */
  readonly at: string | null;
  readonly fit: number;
  readonly total: number;
  /** The rules that fired at that moment (or at their best moment when never qualified). */
  readonly rules: readonly RuleHit[];
}

export interface Mover {
  readonly personId: string;
  readonly email: string | null;
  readonly won: boolean;
  readonly a: MoverView;
  readonly b: MoverView;
}

export interface CompareReport {
  readonly a: BacktestReport;
  readonly b: BacktestReport;
  readonly moved: {
    /** Qualified by A only / by B only. */
    readonly onlyA: number;
    readonly onlyB: number;
    /** Later-won people kept by A only / by B only. */
    readonly wonOnlyA: number;
    readonly wonOnlyB: number;
  };
  /** A sample of the people who move, won ones first, with the rules behind each side. */
  readonly sample: readonly Mover[];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function view(c: QualificationProvider, e: Evaluation, atMs: number): MoverView {
  const s = e.series;
  let instant = e.crossing?.at ?? null;
  if (instant === null) {
    // Never qualified: show the moment the total was highest.
    let best = -1;
    for (let i = 0; i < s.t.length && s.t[i]! <= atMs; i++) if (best < 0 || s.total[i]! > s.total[best]!) best = i;
    instant = best >= 0 ? s.t[best]! : atMs;
  }
  const sc = scoreAt(c.compiled, e.prepared, instant);
  return {
    qualified: e.crossing !== null,
    at: e.crossing ? new Date(e.crossing.at).toISOString() : null,
    fit: round2(sc.fit),
    total: round2(sc.total),
    rules: sc.hits.map((h) => ({ ...h, points: round2(h.points) })),
  };
}

/** Two models on the same history in one pass: their figures side by side and the people who move. */
export async function compareModels(
  store: QualificationStore,
  ctx: ReplayContext,
  a: QualificationProvider,
  b: QualificationProvider,
  request: BacktestRequest & { readonly sample: number },
): Promise<CompareReport> {
  const moved = { onlyA: 0, onlyB: 0, wonOnlyA: 0, wonOnlyB: 0 };
  const wonMovers: ScoredPerson[] = [];
  const otherMovers: ScoredPerson[] = [];
  const atMs = Date.parse(ctx.at);
  const run = await runBacktest(store, ctx, [a, b], request, (p) => {
    const [ea, eb] = p.evaluations;
    const qa = ea!.crossing !== null;
    const qb = eb!.crossing !== null;
    const [oa, ob] = p.outcomes;
    const keptA = oa!.won && (oa!.gatedPeakBeforeDecision ?? -Infinity) >= a.model.thresholds.mql.total;
    const keptB = ob!.won && (ob!.gatedPeakBeforeDecision ?? -Infinity) >= b.model.thresholds.mql.total;
    if (keptA && !keptB) moved.wonOnlyA++;
    if (keptB && !keptA) moved.wonOnlyB++;
    if (qa === qb) return;
    if (qa) moved.onlyA++;
    else moved.onlyB++;
    const won = oa!.won;
    const list = won ? wonMovers : otherMovers;
    if (list.length < request.sample) list.push(p);
  });
  const sample = [...wonMovers, ...otherMovers].slice(0, request.sample).map((p) => ({
    personId: p.row.personId,
    email: p.row.person.email,
    won: p.outcomes[0]!.won,
    a: view(a, p.evaluations[0]!, atMs),
    b: view(b, p.evaluations[1]!, atMs),
  }));
  const period = { from: request.from, to: request.to };
  return { a: backtestReport(run, 0, a, ctx, period), b: backtestReport(run, 1, b, ctx, period), moved, sample };
}
