import type { BacktestFigures } from '../domain/qualification/backtest-figures.js';
import type { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import type { BacktestRun } from './backtest.js';
import type { ReplayContext } from './replay.js';

/** A backtest's figures with what they were computed under. */
export interface BacktestReport extends BacktestFigures {
  readonly modelId: string;
  readonly modelVersion: string;
  readonly funnelModelVersion: string;
  readonly from: string | null;
  readonly to: string | null;
  /** Evaluation time: scores and stages as they stood then. */
  readonly at: string;
  readonly thresholds: { readonly fit: number; readonly total: number };
  readonly currency: string;
  readonly warnings: readonly string[];
}

export function backtestReport(
  run: BacktestRun,
  index: number,
  candidate: QualificationProvider,
  ctx: ReplayContext,
  period: { readonly from: string | null; readonly to: string | null },
): BacktestReport {
  return {
    modelId: candidate.model.id,
    modelVersion: candidate.model.version,
    funnelModelVersion: ctx.model.version,
    from: period.from,
    to: period.to,
    at: ctx.at,
    thresholds: candidate.model.thresholds.mql,
    currency: run.currency,
    ...run.figures[index]!,
    warnings: run.warnings,
  };
}
