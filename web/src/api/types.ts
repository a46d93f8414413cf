/**
 * What the API returns. Report shapes are the domain's own types (the server sends them as the
 * CLI's `--format json` does); app-level shapes the dashboard reads are declared here.
 */
export type { FunnelReport, StageFigures, FunnelGroup } from '../../../src/domain/funnel-report.js';
export type { Diagnosis, Finding } from '../../../src/domain/diagnosis.js';
export type { CompareReport, Change } from '../../../src/domain/funnel-change.js';
export type { CohortReport } from '../../../src/domain/cohort-report.js';
export type { Scorecard } from '../../../src/domain/scorecard.js';
export type { Team } from '../../../src/domain/stage.js';
export type { ImportRunView as ImportRun } from '../../../src/app/ports/import-run-store.js';

export interface Me {
  readonly userId: string;
  readonly name: string;
  readonly role: 'admin' | 'marketing' | 'sales' | 'viewer';
}

export interface QueueItem {
  readonly personId: string;
  readonly name: string;
  readonly email: string | null;
  readonly company: string | null;
  readonly owner: string | null;
  readonly status: string;
  readonly channel: string;
  readonly attempt: number;
  readonly made: number;
  readonly required: number;
  readonly dueAt: string;
  readonly overdueHours: number;
  readonly handedOverAt: string;
}

export interface WorkQueue {
  readonly at: string;
  readonly owner: string | null;
  readonly items: readonly QueueItem[];
  readonly waiting?: number;
}

export interface PersonHit {
  readonly person: PersonRecord;
  readonly currentStage: string | null;
  readonly currentSince: string | null;
}

export interface PersonSearch {
  readonly total: number;
  readonly persons: readonly PersonHit[];
}

/** A stage move; the journey route names the ends from/to, the explanation fromStage/toStage. */
export interface TransitionView {
  readonly seq: number;
  readonly from?: string | null;
  readonly to?: string;
  readonly fromStage?: string | null;
  readonly toStage?: string;
  readonly at: string;
  readonly reason: string;
  readonly actor: string | null;
}

export interface ActivityView {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly source: string;
  readonly actor: string | null;
  readonly stage?: string | null;
}

/** A funnel backtest: the current model and the candidate over the same history. */
export interface BacktestSide {
  readonly modelVersion: string;
  readonly stages: readonly { readonly id: string; readonly reached: number; readonly conversionToNext: number | null; readonly pastSla: number }[];
  readonly revenue: { readonly wonCount: number; readonly wonAmount: number; readonly currency: string };
}

export interface PersonRecord {
  readonly id: string;
  readonly email: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly company: string | null;
  readonly owner: string | null;
  readonly source: string | null;
  readonly country?: string | null;
  readonly industry?: string | null;
  readonly title?: string | null;
  readonly createdAt: string | null;
}

export interface PersonJourney {
  readonly row: { readonly person: PersonRecord } & Record<string, unknown>;
  readonly activities: readonly ActivityView[];
  readonly transitions: readonly TransitionView[];
  readonly modelVersion: string | null;
}

export interface RuleHit {
  readonly rule: string;
  readonly points: number;
  readonly kind?: string;
}

export interface PersonExplanation {
  readonly person: { readonly id: string; readonly name: string | null; readonly email: string | null; readonly company: string | null; readonly source: string | null };
  readonly model: { readonly id: string; readonly version: string } | null;
  readonly score: { readonly fit: number; readonly engagement: number; readonly total: number; readonly grade: string; readonly qualified: boolean; readonly thresholds: { readonly fit: number; readonly total: number } } | null;
  readonly rules: readonly RuleHit[];
  readonly timeline: { readonly transitions: readonly TransitionView[] };
}

export interface Approval {
  readonly userName: string;
  readonly role: string;
  readonly at: string;
}

export interface Proposal {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly note: string | null;
  readonly status: string;
  readonly proposedBy: string;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly version?: string;
  readonly baseVersion?: string | null;
  readonly backtest?: unknown;
  readonly approvals?: readonly Approval[];
  readonly signOff?: { readonly marketing: boolean; readonly sales: boolean; readonly complete: boolean; readonly waitingFor: readonly string[] };
  readonly adopted?: unknown;
}


export interface Reject {
  readonly file?: string;
  readonly row?: number;
  readonly field?: string | null;
  readonly reason?: string;
  readonly message?: string;
  readonly raw?: unknown;
}

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorName: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}
