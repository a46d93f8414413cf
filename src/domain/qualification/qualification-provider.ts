import type { StageSignal } from '../lifecycle.js';
import type { PersonHistory, SignalProvider } from '../signal-provider.js';
import { compileModel } from './compiled-model.js';
import type { CompiledModel } from './compiled-model.js';
import { evaluate } from './evaluate.js';
import type { Evaluation } from './evaluate.js';
import type { QualificationModel } from './qualification-model.js';

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The qualification model as a signal provider: a person enters mql the first time fit and
 * total both reach the model's thresholds. The transition's reason names the model version.
 */
export class QualificationProvider implements SignalProvider {
  readonly id = 'qualification';
  readonly version: string;
  readonly compiled: CompiledModel;
  // The backtest reads the evaluation behind the signals; replay asks once per history, so keep
  // the last one only. (A WeakMap kept every evaluation of a page alive through young-generation
  // collections: a fifth of a backtest's time went to the garbage collector.)
  private last: { readonly activities: object; readonly at: string; readonly evaluation: Evaluation } | null = null;

  constructor(readonly model: QualificationModel) {
    this.version = model.version;
    this.compiled = compileModel(model);
  }

  /** The person's scores over time up to `at` (memoised per history for the same `at`). */
  evaluation(history: PersonHistory, at: string): Evaluation {
    const hit = this.last;
    if (hit !== null && hit.activities === history.activities && hit.at === at) return hit.evaluation;
    const matchedTimes = history.matched?.get(this.version);
    const evaluation = evaluate(this.compiled, matchedTimes === undefined ? history : { ...history, matchedTimes }, Date.parse(at));
    this.last = { activities: history.activities, at, evaluation };
    return evaluation;
  }

  signals(history: PersonHistory, at: string): readonly StageSignal[] {
    const c = this.evaluation(history, at).crossing;
    if (c === null) return [];
    const { fit, total } = this.model.thresholds.mql;
    return [
      {
        at: new Date(c.at).toISOString(),
        stage: 'mql',
        reason: `model:${this.model.version} fit ${round2(c.fit)} ≥ ${fit}, total ${round2(c.total)} ≥ ${total}`,
      },
    ];
  }
}
