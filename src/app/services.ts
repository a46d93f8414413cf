import type { FunnelModel } from '../domain/funnel-model.js';
import type { FunnelReport } from '../domain/funnel-report.js';
import type { ImportOptions, ImportSummary } from './import-data.js';
import type { FunnelReportRequest } from './funnel-report.js';
import type { CohortReport } from '../domain/cohort-report.js';
import type { CohortReportRequest } from './cohort-report.js';
import type { CompareReport } from '../domain/funnel-change.js';
import type { CompareRequest } from './compare-report.js';
import type { Diagnosis } from '../domain/diagnosis.js';
import type { DiagnoseRequest } from './diagnose.js';
import type { Scorecard } from '../domain/scorecard.js';
import type { ScorecardRequest } from './scorecard.js';
import type { Plan } from '../domain/plan.js';
import type { PlanRequest } from './plan.js';
import type { FollowUpServices } from './follow-up-services.js';
import type { AttributionRequest, ComparisonRequest } from './attribution-report.js';
import type { InfluenceRequest } from './stage-influence.js';
import type { AttributionReport } from '../domain/attribution-report.js';
import type { AttributionComparison } from '../domain/attribution-comparison.js';
import type { InfluenceReport } from '../domain/stage-influence.js';
import type { Reject } from './ports/import-records.js';
import type { ImportProgress } from './ports/import-source.js';
import type { QueueWork, ReplayProgress } from './replay.js';
import type { ServerServices } from './server-services.js';
import type { QualificationServices } from './qualification-services.js';
import type { ReconcileReport } from '../domain/reconciliation.js';
import type { ReconcileRequest } from './reconcile.js';
import type { ContentServices } from './content-services.js';

export interface ImportFilesRequest {
  readonly paths: readonly string[];
  readonly preset?: string;
  readonly mapping?: string;
  readonly encoding?: 'utf-8' | 'windows-1252' | 'latin1' | 'utf-16le' | 'utf-16be';
  /** Replay the persons the import touched (default true). */
  readonly replay?: boolean;
  /** The run id to record the import under (default: a new one). */
  readonly runId?: string;
  /**
   * The caller does nothing else with the store until the import returns (the CLI, the demo, the
   * bench): batches may share transactions, which makes a large SQLite import much cheaper. Not
   * for a server, whose other requests would wait on the held connection. Default false.
   */
  readonly bulk?: boolean;
}

export interface ImportHooks {
  readonly onFiles?: (files: readonly { path: string; mapping: string; bytes: number }[]) => void;
  readonly onProgress?: (p: ImportProgress) => void;
  readonly onRejects?: (rejects: readonly Reject[]) => void;
  readonly onReplay?: (p: ReplayProgress) => void;
}

export interface ImportResult extends ImportSummary {
  readonly replayed: number;
}

/** The use cases every interface (CLI, HTTP) calls, bound to one opened store. */
export interface Services extends ServerServices, QualificationServices {
  readonly dialect: 'sqlite' | 'postgres';
  importFiles(request: ImportFilesRequest, hooks?: ImportHooks): Promise<ImportResult>;
  /**
   * Replays the persons on the replay queue under the active model, claiming them in batches so
   * several workers share the queue and nobody is replayed twice for one change.
   */
  replayQueue(work?: Partial<QueueWork>): Promise<{ persons: number; transitions: number }>;
  /** Replays everyone under the given model file (or the active/default model) and makes it active. */
  /** `workers`: threads that read and compute timelines beside the one that writes (0: none; default: the services' setting). */
  replay(modelFile: string | null, onProgress?: (p: ReplayProgress) => void, options?: { readonly workers?: number }): Promise<{ persons: number; transitions: number; modelVersion: string }>;
  funnelModel(): Promise<FunnelModel>;
  funnelReport(request: FunnelReportRequest): Promise<FunnelReport>;
  cohortReport(request: CohortReportRequest): Promise<CohortReport>;
  compareReport(request: CompareRequest): Promise<CompareReport>;
  diagnose(request: DiagnoseRequest): Promise<Diagnosis>;
  scorecard(request: ScorecardRequest): Promise<Scorecard>;
  /** `ratesFile`: a YAML scenario whose rates replace the observed ones. */
  plan(request: Omit<PlanRequest, 'rates'> & { readonly ratesFile?: string | null }): Promise<Plan>;
  /** Contact policy, work queues, attempt curve, nurture program (issue 7). */
  readonly followUp: FollowUpServices;
  /** Credit for pipeline and revenue per team, channel or campaign under one attribution model. */
  attributionReport(request: AttributionRequest): Promise<AttributionReport>;
  /** Every attribution model side by side. */
  compareAttributionModels(request: ComparisonRequest): Promise<AttributionComparison>;
  /** Which teams, channels or campaigns touched people before each funnel transition. */
  stageInfluence(request: InfluenceRequest): Promise<InfluenceReport>;
  /** Where the systems disagree, why, and which value Tandem uses (identity, conflicts, counts). */
  reconcile(request: ReconcileRequest): Promise<ReconcileReport>;
  /** The stage content catalogue: coverage, gaps, influence, candidates (issue 9). */
  readonly content: ContentServices;
  close(): Promise<void>;
}

export type OpenServices = (db: string) => Promise<Services>;
export type { ImportOptions };

/** Whole-store operations that work on the database location, not through an open store. */
export interface StoreAdmin {
  backup(db: string, file: string): Promise<{ pages: number }>;
  restore(file: string, db: string): Promise<{ persons: number }>;
}
