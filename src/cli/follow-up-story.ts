import type { FollowUpReport } from '../app/follow-up-report.js';
import type { RunSummary } from '../app/run-nurture.js';
import type { Services } from '../app/services.js';
import type { WorkQueue } from '../app/work-queue.js';

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const hours = (x: number | null): string => (x === null ? '—' : `${x} h`);

/**
 * The bottom of the funnel in a few lines, before (`before`) and after (`after`) a change:
 * first-touch compliance, who the policy called unreachable, what the nurture program brought
 * back, and what is waiting now (the queue, the messages due).
 */
export function followUpStoryLines(before: FollowUpReport, after: FollowUpReport, queue: WorkQueue, run: RunSummary, db: string): string[] {
  const b = before.total;
  const a = after.total;
  const n = after.nurture;
  const at = queue.at.slice(0, 10);
  const by = Object.entries(n.reengagedBy).map(([k, v]) => `${k} ${v}`).join(', ');
  const overdue = queue.items.filter((i) => i.status === 'overdue').length;
  const due = run.messages.filter((m) => m.kind === 'nurture-step').length;
  return [
    `Contact policy ${after.policyVersion}:`,
    `  first touch within the SLA ${pct(b.withinSlaRate)} → ${pct(a.withinSlaRate)}; median time to first touch ${hours(b.medianHoursToFirstTouch)} → ${hours(a.medianHoursToFirstTouch)}.`,
    `  after: ${a.unreachableByPolicy} unreachable once the policy ran out (median ${a.medianAttemptsBeforeUnreachable ?? '—'} attempts), ${a.unreachableEarly} given up early;` +
      ` the nurture program re-engaged ${n.reengaged}${by ? ` (${by})` : ''} and returned ${n.returnedToSales} to sales.`,
    `  at ${at}: ${queue.items.length} to contact (${overdue} overdue) — tandem queue --db ${db} --at ${at}`,
    `  nurture messages due at ${at}: ${due} — tandem run --db ${db} --at ${at} --dry-run`,
  ];
}

/** Reads what `followUpStoryLines` tells from the services (for `tandem demo`). */
export async function followUpStory(
  services: Services,
  options: { readonly db: string; readonly at: Date; readonly before: { from: string; to: string }; readonly after: { from: string; to: string } },
): Promise<string[]> {
  const at = options.at.toISOString();
  const f = services.followUp;
  const [before, after, queue, run] = await Promise.all([
    f.followUpReport({ ...options.before, at }),
    f.followUpReport({ ...options.after, at }),
    f.queue({ owner: null, at }),
    f.run({ at, dryRun: true }),
  ]);
  return followUpStoryLines(before, after, queue, run, options.db);
}
