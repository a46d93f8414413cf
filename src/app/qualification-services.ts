import type { AttributeValue } from '../domain/entities.js';
import type { Grade } from '../domain/qualification/qualification-model.js';
import type { ValueFigures } from '../domain/qualification/profile-draft.js';
import type { BacktestReport } from './backtest-report.js';
import type { SuggestOutcome } from './collect-value-stats.js';
import type { CompareReport } from './compare-models.js';
import type { PersonExplanation } from './explain-person.js';
import type { ModelKind } from './ports/model-store.js';
import type { ReplayProgress } from './replay.js';

/** How one person came out of a backtest (for exports and independent checks). */
export interface BacktestPersonRow {
  readonly personId: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly fit: number | null;
  readonly grade: Grade;
  readonly score: number | null;
  readonly qualified: boolean;
  readonly won: boolean;
}

export interface BacktestOptions {
  /** Inclusive dates (YYYY-MM-DD) of funnel entry. */
  readonly from: string | null;
  readonly to: string | null;
  /** Evaluation time. */
  readonly at: Date;
  readonly onPerson?: (row: BacktestPersonRow) => void;
}

export interface ModelVersionSummary {
  readonly kind: ModelKind;
  readonly modelId: string;
  readonly version: string;
  readonly author: string | null;
  readonly createdAt: string;
  readonly active: boolean;
}

export interface AdoptResult {
  readonly version: string;
  readonly previous: string | null;
  readonly replayVersion: string;
  readonly persons: number;
  readonly transitions: number;
}

export interface SuggestRequest {
  readonly outcome: SuggestOutcome;
  /** Share of people (by a seeded hash of their id) the profile learns from; the rest test it. 1 = learn from all. */
  readonly split: number;
  readonly seed: number;
  readonly minSupport: number;
  readonly id: string;
  readonly at: Date;
}

export interface ProfileSuggestion {
  readonly outcome: SuggestOutcome;
  readonly split: number;
  readonly seed: number;
  readonly minSupport: number;
  readonly people: number;
  readonly outcomes: number;
  readonly baseRate: number | null;
  /** Every value with enough support, best lift first. */
  readonly values: readonly ValueFigures[];
  /** The draft profile as YAML, ready to edit, check, backtest and adopt. */
  readonly draft: string;
  readonly draftVersion: string;
  /** The draft's backtest on the people it did not learn from (on everyone when split is 1). */
  readonly evaluation: { readonly on: 'holdout' | 'training'; readonly report: BacktestReport };
}

/** Buyer profile and qualification model use cases. */
export interface QualificationServices {
  /** Replays the cohort under a candidate model file and reports what it would have qualified, kept and lost. */
  backtestModel(file: string, options: BacktestOptions): Promise<BacktestReport>;
  /** Two models (files, or `active`) on the same history, side by side, with the people who move. */
  compareModels(a: string, b: string, options: BacktestOptions & { readonly sample: number }): Promise<CompareReport>;
  /** The same for model texts (the HTTP API never takes file paths): `null` is the active model. */
  compareModelTexts(a: string | null, b: string | null, options: BacktestOptions & { readonly sample: number }): Promise<CompareReport>;
  /** Stores the model version (hash, author, time), makes it active and replays history under it. */
  adoptQualificationModel(file: string, options: { readonly author: string | null; readonly onProgress?: (p: ReplayProgress) => void }): Promise<AdoptResult>;
  listModelVersions(kind: ModelKind | null): Promise<ModelVersionSummary[]>;
  explainPerson(ref: string, options: { readonly at: Date; readonly version: string | null }): Promise<PersonExplanation>;
  suggestProfile(request: SuggestRequest): Promise<ProfileSuggestion>;
}
