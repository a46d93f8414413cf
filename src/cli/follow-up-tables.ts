import type { AttemptReport } from '../app/attempt-report.js';
import type { FollowUpReport, ComplianceRow } from '../app/follow-up-report.js';
import type { PersonFollowUpState } from '../app/follow-up-scan.js';
import type { OutboxEntry } from '../app/ports/outbox-store.js';
import type { RunSummary } from '../app/run-nurture.js';
import type { WorkQueue } from '../app/work-queue.js';
import type { TableData } from './table-data.js';

const pct = (x: number | null): string | null => (x === null ? null : `${(x * 100).toFixed(1)}%`);
const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
/** Hours past due, as people say it: hours under two days, days after. */
export const overdueText = (h: number): string => (h >= 48 ? `${Math.floor(h / 24)} d` : `${Math.round(h)} h`);
const interval = (low: number, high: number): string => `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%`;

export function queueTables(q: WorkQueue): TableData[] {
  const overdue = q.items.filter((i) => i.status === 'overdue').length;
  // The content column shows once a content catalogue is adopted (the items then carry suggestions).
  const send = q.items.some((i) => i.suggestedContent !== undefined);
  return [
    {
      title: `Work queue at ${when(q.at)} UTC${q.owner ? ` for ${q.owner}` : ''} — ${q.items.length} to contact, ${overdue} overdue`,
      columns: ['Person', 'Company', 'Owner', 'Next', 'Attempts', 'Due (UTC)', 'Status', 'Overdue by', ...(send ? ['Send'] : [])],
      rows: q.items.map((i) => [
        i.name,
        i.company,
        i.owner,
        `${i.channel} #${i.attempt}${i.returned ? ' (returned)' : ''}`,
        `${i.made} of ${i.required}`,
        when(i.dueAt),
        i.status,
        i.status === 'overdue' ? overdueText(i.overdueHours) : null,
        ...(send ? [i.suggestedContent?.id ?? null] : []),
      ]),
      notes: [
        `Contact policy ${q.policyVersion}. Overdue first. "(returned)": handed back by the nurture program.`,
        ...(q.waiting ? [`${q.waiting} more have had every attempt and wait for the policy's minimum span to pass.`] : []),
      ],
    },
  ];
}

export function attemptTables(r: AttemptReport): TableData[] {
  const what = r.basis === 'connection' ? 'first connection' : 'win';
  const tables: TableData[] = [
    {
      title: `People by number of attempts${r.attemptsField ? ` (from ${r.attemptsField} where there are no attempt activities)` : ''}`,
      columns: ['Attempts', 'People', 'Connected', 'Won', 'Win rate', '95% interval'],
      rows: r.byAttempts.map((b) => [b.attempts, b.people, b.connected, b.won, pct(b.winRate), interval(b.winRateLow, b.winRateHigh)]),
      notes: r.byAttempts.some((b) => b.connected === null) ? ['Connected: — where the data has no connection signal.'] : [],
    },
    {
      title: `Chance of a ${what} at attempt k, given none before (all channels)`,
      columns: ['Attempt', 'People at k', `${what === 'win' ? 'Wins' : 'Connections'} at k`, 'Chance', '95% interval', 'Share kept by k'],
      rows: r.curve.map((p) => [p.attempt, p.atRisk, p.outcomes, pct(p.rate), interval(p.low, p.high), pct(p.cumulativeShare)]),
      notes: [r.recommendation.text],
    },
  ];
  for (const [channel, c] of Object.entries(r.channels)) {
    if (!c || c.curve.length === 0) continue;
    tables.push({
      title: `Chance of a ${c.basis === 'connection' ? 'first connection' : 'win'} at ${channel} attempt k`,
      columns: ['Attempt', 'People at k', 'Outcomes at k', 'Chance', '95% interval', 'Share kept by k'],
      rows: c.curve.map((p) => [p.attempt, p.atRisk, p.outcomes, pct(p.rate), interval(p.low, p.high), pct(p.cumulativeShare)]),
      notes: [c.recommendation.text],
    });
  }
  return tables;
}

function complianceRows(rows: readonly ComplianceRow[]): (string | number | null)[][] {
  return rows.map((c) => [
    c.group, c.runs, c.touched, pct(c.withinSlaRate), c.medianHoursToFirstTouch, c.connected, c.unreachableByPolicy,
    c.unreachableEarly, c.medianAttemptsBeforeUnreachable, c.openOverdue, c.optOutBreaches,
  ]);
}

const COMPLIANCE_COLUMNS = [
  'Group', 'Hand-overs', 'Touched', 'First touch in SLA', 'Median h to touch', 'Connected', 'Unreachable (policy)',
  'Unreachable early', 'Median attempts → unreachable', 'Overdue now', 'Opt-out breaches',
];

export function followUpTables(r: FollowUpReport): TableData[] {
  const n = r.nurture;
  return [
    {
      title: `Contact-policy compliance by owner (${r.policyVersion})`,
      columns: COMPLIANCE_COLUMNS,
      rows: [...complianceRows(r.byOwner), ...complianceRows([r.total])],
      notes: ['"Unreachable early": set unreachable by hand before the policy\'s attempts were made.'],
    },
    { title: 'Contact-policy compliance by team', columns: COMPLIANCE_COLUMNS, rows: complianceRows(r.byTeam) },
    {
      title: `Nurture results (${n.programVersion ?? 'no program'})`,
      columns: ['Enrolled', 'Still enrolled', 'Messages stopped', 'Re-engaged', 'Returned to sales', 'Later won', 'Revenue', 'Messages sent', 'Bounced', 'Needs a check'],
      rows: [[
        n.enrolled, n.stillEnrolled, n.exited, n.reengaged, n.returnedToSales, n.laterWon,
        n.revenue.map((x) => `${x.amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${x.currency}`).join(', ') || null,
        n.messagesSent, n.bounced, n.needsCheck,
      ]],
      notes: Object.keys(n.reengagedBy).length ? [`Re-engaged by: ${Object.entries(n.reengagedBy).map(([k, v]) => `${k} ${v}`).join(', ')}.`] : [],
    },
  ];
}

export function runTables(r: RunSummary): TableData[] {
  return [
    {
      title: `${r.dryRun ? 'Due now (dry run, nothing sent)' : 'Scheduler run'} at ${when(r.at)} UTC — ${r.programVersion ?? 'no nurture program'}`,
      columns: ['Kind', 'Person', 'To', 'Step', 'Outcome', 'Detail'],
      rows: r.messages.map((m) => [m.kind, m.name, m.recipient, m.step, m.outcome, m.detail]),
      notes: [
        `Enrolled ${r.enrolled}: ${r.exited} with messages stopped, ${r.finished} finished, ${r.blocked} waiting for a check.`,
        ...(r.flaggedUnknown ? [`${r.flaggedUnknown} send(s) flagged unknown (a scheduler stopped mid-send): check them with \`tandem nurture outbox --status unknown\`.`] : []),
        ...(r.released ? [`${r.released} stale claim(s) released for retry.`] : []),
      ],
    },
  ];
}

export function outboxTables(entries: readonly OutboxEntry[]): TableData[] {
  return [
    {
      title: `Outbox (${entries.length})`,
      columns: ['Id', 'Kind', 'Program', 'Person', 'Step', 'To', 'Status', 'Claimed', 'Sent', 'Error'],
      rows: entries.map((e) => [e.id, e.kind, e.programVersion, e.personId, e.stepId, e.recipient, e.status, e.claimedAt ? when(e.claimedAt) : null, e.sentAt ? when(e.sentAt) : null, e.error]),
    },
  ];
}

const whenOrNull = (iso: string | null): string | null => (iso === null ? null : when(iso));

export function personStateTables(p: PersonFollowUpState): TableData[] {
  return [
    {
      title: `${p.name}${p.owner ? ` (owner ${p.owner})` : ''} at ${when(p.at)} UTC — now in ${p.currentStage ?? 'no stage'}`,
      columns: ['From', 'To', 'At (UTC)', 'Reason'],
      rows: p.transitions.map((t) => [t.from, t.to, when(t.at), t.reason]),
    },
    {
      title: 'Contact-policy runs',
      columns: ['Handed over', 'Status', 'Attempts', 'First touch due', 'First touch', 'Next', 'Due', 'Connected', 'Exhausted', 'Left'],
      rows: p.runs.map(({ state: s }) => [
        when(s.startedAt), s.status + (s.slaBreached ? ' (SLA breached)' : ''), `${s.made} of ${s.requiredTotal}`, whenOrNull(s.firstTouchDueAt), whenOrNull(s.firstTouchAt),
        s.nextStep ? `${s.nextStep.channel} #${s.nextStep.attempt}` : null, s.nextStep ? when(s.nextStep.dueAt) : null, whenOrNull(s.connectedAt), whenOrNull(s.exhaustedAt), whenOrNull(s.endedAt),
      ]),
      notes: p.runs.some((r) => r.state.optedOut.length) ? [`Opted out of: ${p.runs.at(-1)!.state.optedOut.join(', ')} (not required).`] : [],
    },
    {
      title: 'Nurture enrollments',
      columns: ['Enrolled', 'Re-engaged', 'By', 'Messages stopped', 'Why', 'Left'],
      rows: p.enrollments.map(({ state: e }) => [when(e.enrolledAt), whenOrNull(e.reengagedAt), e.reengagedBy, whenOrNull(e.exitedAt), e.exitReason, whenOrNull(e.leftAt)]),
    },
  ];
}
