import type { Activity, Person } from './entities.js';
import type { NurtureProgram, ReengagementRule } from './nurture-program.js';

/** Why a program stopped sending to an enrolled person. */
export type ExitReason = 'opted-out' | 'no-email' | `activity:${string}` | 'bounced';

/** One stay in the enrollment stage, seen through the program. */
export interface Enrollment {
  readonly programVersion: string;
  readonly enrolledAt: string;
  /** When the person left the enrollment stage (by re-engaging or otherwise). */
  readonly leftAt: string | null;
  readonly reengagedAt: string | null;
  /** Which rule re-engaged them, e.g. `email_reply` or `score+15`. */
  readonly reengagedBy: string | null;
  /** When messages stopped, and why (the person can still re-engage). */
  readonly exitedAt: string | null;
  readonly exitReason: ExitReason | null;
}

function ruleLabel(rule: ReengagementRule): string {
  switch (rule.kind) {
    case 'activity':
      return rule.activity;
    case 'score-rise':
      return `score+${rule.points}`;
    default: {
      const never: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Evaluates one enrollment: the person entered the program's stage at `enrolledAt` and left it
 * at `leftAt` (null if still there). Activities at the leaving instant count: an activity that
 * itself moves the person (a form fill entering inquiry) is still a re-engagement. Pure.
 */
export function evaluateEnrollment(
  program: NurtureProgram,
  person: Pick<Person, 'doNotEmail' | 'email'>,
  activities: readonly Activity[],
  enrolledAt: string,
  leftAt: string | null,
  at: string,
): Enrollment {
  const until = leftAt !== null && leftAt < at ? leftAt : at;
  let points = 0;
  let reengagedAt: string | null = null;
  let reengagedBy: string | null = null;
  let exitedAt: string | null = person.doNotEmail || !person.email ? enrolledAt : null;
  let exitReason: ExitReason | null = person.doNotEmail ? 'opted-out' : !person.email ? 'no-email' : null;
  const sorted = [...activities].sort((x, y) => (x.occurredAt < y.occurredAt ? -1 : x.occurredAt > y.occurredAt ? 1 : 0));
  for (const a of sorted) {
    // Strictly after enrollment: what caused the enrollment is not a re-engagement.
    if (a.occurredAt <= enrolledAt || a.occurredAt > until) continue;
    if (exitedAt === null && program.exit.includes(a.type)) {
      exitedAt = a.occurredAt;
      exitReason = a.type === 'email_bounce' ? 'bounced' : `activity:${a.type}`;
    }
    points += program.score[a.type] ?? 0;
    for (const rule of program.reengage) {
      const hit = rule.kind === 'activity' ? a.type === rule.activity : points >= rule.points;
      if (hit) {
        reengagedAt = a.occurredAt;
        reengagedBy = ruleLabel(rule);
        break;
      }
    }
    if (reengagedAt !== null) break;
  }
  return { programVersion: program.version, enrolledAt, leftAt, reengagedAt, reengagedBy, exitedAt, exitReason };
}
