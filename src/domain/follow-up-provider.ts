import { policyReason } from './contact-policy.js';
import type { ContactPolicy } from './contact-policy.js';
import type { Activity } from './entities.js';
import type { FunnelModel } from './funnel-model.js';
import { replayPerson } from './lifecycle.js';
import type { Span, StageSignal, Timeline } from './lifecycle.js';
import { evaluateEnrollment } from './nurture-enrollment.js';
import type { Enrollment } from './nurture-enrollment.js';
import { reengagedReason, returnedReason } from './nurture-program.js';
import type { NurtureProgram } from './nurture-program.js';
import { evaluatePolicyRun } from './policy-run.js';
import type { PolicyRunState } from './policy-run.js';
import type { PersonHistory, SignalProvider } from './signal-provider.js';
import type { StageId } from './stage.js';

/** Each hand-over and each return re-runs the policy; a bound keeps a pathological history finite. */
const MAX_SIGNALS = 60;

/** A policy run or an enrollment, with the span it evaluates. */
export interface RunOf<T> {
  readonly span: Span;
  readonly state: T;
}

/**
 * The bottom of the funnel as one pure provider: a contact policy run that is exhausted moves
 * the person to unreachable (`policy:<version>`); in the nurture program's stage, a
 * re-engagement moves them to recycled and back to sales (`nurture:<version>:…`). Both are
 * derived signals, not stored activities, so a replay under another policy or program version
 * (a backtest) gives its own answer and the recorded facts stay facts.
 */
export class FollowUpProvider implements SignalProvider {
  readonly id = 'follow-up';
  readonly version: string;
  private readonly triggers: ReadonlySet<string>;

  constructor(
    readonly model: FunnelModel,
    readonly policy: ContactPolicy,
    readonly program: NurtureProgram | null,
  ) {
    this.version = program ? `${policy.version}+${program.version}` : policy.version;
    const stages: StageId[] = [policy.startStage, ...(program ? [program.enrollStage] : [])];
    this.triggers = new Set(
      model.stages
        .filter((s) => stages.includes(s.id))
        .flatMap((s) => s.entry.map((t) => (t.activity === 'stage_change' ? `stage_change:${t.stage ?? s.id}` : t.activity))),
    );
  }

  /** Could this history ever enter the start or enrollment stage? Most people never do: skip their replay. */
  concerns(activities: readonly Activity[]): boolean {
    return activities.some((a) => this.triggers.has(a.type === 'stage_change' ? `stage_change:${a.stage}` : a.type));
  }

  signals(history: PersonHistory, at: string): readonly StageSignal[] {
    if (!this.concerns(history.activities)) return [];
    const signals: StageSignal[] = [];
    const seen = new Set<string>();
    while (signals.length < MAX_SIGNALS) {
      const timeline = replayPerson(this.model, history.person.id, history.activities, signals);
      const next = this.firstMissing(timeline, history, at, seen);
      if (next.length === 0) break;
      for (const s of next) {
        seen.add(key(s));
        signals.push(s);
      }
    }
    return signals;
  }

  private firstMissing(timeline: Timeline, history: PersonHistory, at: string, seen: Set<string>): StageSignal[] {
    for (const span of timeline.spans) {
      if (span.enteredAt > at) break;
      if (span.stage === this.policy.startStage) {
        const run = this.run(history, span, at);
        if (run.status === 'exhausted' && run.exhaustedAt !== null) {
          const s: StageSignal = { at: run.exhaustedAt, stage: this.policy.exhaustedStage, reason: policyReason(this.policy) };
          if (!seen.has(key(s))) return [s];
        }
      }
      if (this.program && span.stage === this.program.enrollStage) {
        const e = this.enrollment(history, span, at);
        if (e && e.reengagedAt !== null && e.reengagedBy !== null) {
          const out: StageSignal[] = [{ at: e.reengagedAt, stage: 'recycled', reason: reengagedReason(this.program, e.reengagedBy) }];
          if (this.program.handBackTo !== 'recycled') out.push({ at: e.reengagedAt, stage: this.program.handBackTo, reason: returnedReason(this.program) });
          if (!seen.has(key(out[0]!))) return out;
        }
      }
    }
    return [];
  }

  /** The policy run of one stay in the start stage. */
  run(history: PersonHistory, span: Span, at: string): PolicyRunState {
    return evaluatePolicyRun(this.policy, history.person, history.activities, span.enteredAt, span.exitedAt, at);
  }

  /** The enrollment of one stay in the program's stage (null without a program). */
  enrollment(history: PersonHistory, span: Span, at: string): Enrollment | null {
    if (!this.program) return null;
    return evaluateEnrollment(this.program, history.person, history.activities, span.enteredAt, span.exitedAt, at);
  }

  /** Every policy run in a (fully replayed) timeline, up to `at`. */
  runs(timeline: Timeline, history: PersonHistory, at: string): RunOf<PolicyRunState>[] {
    return timeline.spans
      .filter((s) => s.stage === this.policy.startStage && s.enteredAt <= at)
      .map((span) => ({ span, state: this.run(history, span, at) }));
  }

  /** Every enrollment in a (fully replayed) timeline, up to `at`. */
  enrollments(timeline: Timeline, history: PersonHistory, at: string): RunOf<Enrollment>[] {
    if (!this.program) return [];
    return timeline.spans
      .filter((s) => s.stage === this.program!.enrollStage && s.enteredAt <= at)
      .map((span) => ({ span, state: this.enrollment(history, span, at)! }));
  }
}

function key(s: StageSignal): string {
  return `${s.at}\u0000${s.stage}\u0000${s.reason}`;
}
