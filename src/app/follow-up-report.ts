import { toMajor } from '../domain/funnel-report.js';
import { POLICY_CHANNELS } from '../domain/contact-policy.js';
import { openAt, policyTeam, scanPeople } from './follow-up-scan.js';
import type { FollowUpSetup, FollowUpView } from './follow-up-scan.js';
import { ownerContact } from './follow-up-settings.js';
import type { MailSettings } from './follow-up-settings.js';
import type { FollowUpStore } from './ports/follow-up-store.js';
import type { OutboxStore } from './ports/outbox-store.js';
import { periodBounds } from './period.js';

export interface FollowUpReportRequest {
  /** Hand-overs (and enrollments) from this date on (YYYY-MM-DD, inclusive). */
  readonly from: string | null;
  readonly to: string | null;
  readonly at: string;
}

/** Contact-policy compliance of one group (an owner or a team). */
export interface ComplianceRow {
  readonly group: string;
  /** Hand-overs: policy runs started in the period. */
  readonly runs: number;
  readonly touched: number;
  /** First touches within the SLA, of runs whose SLA has come due. */
  readonly withinSla: number;
  readonly slaDue: number;
  readonly withinSlaRate: number | null;
  /** Median hours (in the policy's calendar) from hand-over to first touch. */
  readonly medianHoursToFirstTouch: number | null;
  readonly connected: number;
  readonly unreachableByPolicy: number;
  /** Set unreachable (by hand, in the CRM) before the policy was followed through. */
  readonly unreachableEarly: number;
  /** Median attempts made in runs that ended unreachable (either way). */
  readonly medianAttemptsBeforeUnreachable: number | null;
  readonly openOverdue: number;
  readonly optOutBreaches: number;
}

export interface NurtureResults {
  readonly programVersion: string | null;
  readonly enrolled: number;
  readonly stillEnrolled: number;
  /** Messages stopped (opted out, unsubscribed, bounced, no address). */
  readonly exited: number;
  readonly reengaged: number;
  readonly returnedToSales: number;
  readonly laterWon: number;
  readonly revenue: readonly { readonly currency: string; readonly amount: number }[];
  readonly messagesSent: number;
  /** Sends whose outcome is unknown after a crash: a person must check them. */
  readonly needsCheck: number;
  readonly bounced: number;
  readonly reengagedBy: Readonly<Record<string, number>>;
}

export interface FollowUpReport {
  readonly policyVersion: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly at: string;
  readonly byOwner: readonly ComplianceRow[];
  readonly byTeam: readonly ComplianceRow[];
  readonly total: ComplianceRow;
  readonly nurture: NurtureResults;
}

interface Tally {
  runs: number; touched: number; withinSla: number; slaDue: number; hours: number[]; connected: number;
  byPolicy: number; early: number; attemptsUnreachable: number[]; openOverdue: number; optOutBreaches: number;
}

const newTally = (): Tally => ({ runs: 0, touched: 0, withinSla: 0, slaDue: 0, hours: [], connected: 0, byPolicy: 0, early: 0, attemptsUnreachable: [], openOverdue: 0, optOutBreaches: 0 });

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function row(group: string, t: Tally): ComplianceRow {
  const hours = median(t.hours);
  return {
    group, runs: t.runs, touched: t.touched, withinSla: t.withinSla, slaDue: t.slaDue,
    withinSlaRate: t.slaDue ? t.withinSla / t.slaDue : null,
    medianHoursToFirstTouch: hours === null ? null : Math.round(hours * 10) / 10,
    connected: t.connected, unreachableByPolicy: t.byPolicy, unreachableEarly: t.early,
    medianAttemptsBeforeUnreachable: median(t.attemptsUnreachable), openOverdue: t.openOverdue, optOutBreaches: t.optOutBreaches,
  };
}

/** Policy compliance per owner and team, and what the nurture program brought back. */
export async function followUpReport(
  store: FollowUpStore,
  outbox: OutboxStore,
  setup: FollowUpSetup,
  settings: MailSettings,
  request: FollowUpReportRequest,
): Promise<FollowUpReport> {
  const { fromIso, toIsoExclusive } = periodBounds(request.from, request.to);
  const inPeriod = (t: string): boolean => (fromIso === null || t >= fromIso) && (toIsoExclusive === null || t < toIsoExclusive);
  const policy = setup.provider.policy;
  const program = setup.provider.program;
  const owners = new Map<string, Tally>();
  const teams = new Map<string, Tally>();
  const total = newTally();
  const nurture = { enrolled: 0, stillEnrolled: 0, exited: 0, reengaged: 0, returned: 0, won: 0, revenue: new Map<string, number>(), by: {} as Record<string, number> };

  // An owner without a team in the mail settings works for the team accountable for the follow-up.
  const defaultTeam = policyTeam(setup) ?? '(no team)';
  const count = (view: FollowUpView): void => {
    const owner = view.person.owner ?? '(no owner)';
    const team = ownerContact(settings, view.person.owner)?.team ?? defaultTeam;
    for (const { span, state } of view.runs) {
      if (!inPeriod(span.enteredAt)) continue;
      for (const t of [total, tally(owners, owner), tally(teams, team)]) {
        t.runs++;
        if (state.firstTouchAt) {
          t.touched++;
          t.hours.push(policy.calendar.hoursBetween(state.startedAt, state.firstTouchAt));
        }
        if (state.firstTouchDueAt !== null && (state.firstTouchAt !== null || state.firstTouchDueAt < request.at)) {
          t.slaDue++;
          if (!state.slaBreached) t.withinSla++;
        }
        if (state.status === 'connected') t.connected++;
        const attempts = POLICY_CHANNELS.reduce((n, c) => n + state.attempts[c], 0);
        if (state.status === 'exhausted') {
          t.byPolicy++;
          t.attemptsUnreachable.push(attempts);
        } else if (state.status === 'ended' && span.nextStage === policy.exhaustedStage) {
          t.attemptsUnreachable.push(attempts);
          if (state.made < state.requiredTotal) t.early++;
        }
        if (openAt(span, request.at) && state.status === 'overdue') t.openOverdue++;
        t.optOutBreaches += state.optOutBreaches;
      }
    }
    for (const { span, state } of view.enrollments) {
      if (!inPeriod(span.enteredAt)) continue;
      nurture.enrolled++;
      if (openAt(span, request.at) && state.reengagedAt === null) nurture.stillEnrolled++;
      if (state.exitedAt !== null) nurture.exited++;
      if (state.reengagedAt === null) continue;
      nurture.reengaged++;
      nurture.by[state.reengagedBy!] = (nurture.by[state.reengagedBy!] ?? 0) + 1;
      const back = view.timeline.transitions.some((t) => t.at >= state.reengagedAt! && t.toStage === program?.handBackTo);
      if (back) nurture.returned++;
      const won = view.opportunities.filter((o) => o.status === 'won' && o.closedAt !== null && o.closedAt >= state.reengagedAt!);
      if (won.length) nurture.won++;
      for (const o of won) {
        if (o.amountMinor === null || !o.currency) continue;
        nurture.revenue.set(o.currency, (nurture.revenue.get(o.currency) ?? 0) + o.amountMinor);
      }
    }
  };
  await scanPeople(store, setup, (views) => views.forEach(count));

  const steps = program ? await outbox.list({ kind: 'nurture-step' }) : [];
  const mine = steps.filter((e) => e.programId === program?.id);
  const sorted = (m: Map<string, Tally>) => [...m.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([k, t]) => row(k, t));
  return {
    policyVersion: policy.version,
    from: request.from,
    to: request.to,
    at: request.at,
    byOwner: sorted(owners),
    byTeam: sorted(teams),
    total: row('all', total),
    nurture: {
      programVersion: program?.version ?? null,
      enrolled: nurture.enrolled,
      stillEnrolled: nurture.stillEnrolled,
      exited: nurture.exited,
      reengaged: nurture.reengaged,
      returnedToSales: nurture.returned,
      laterWon: nurture.won,
      revenue: [...nurture.revenue.entries()].sort().map(([currency, minor]) => ({ currency, amount: toMajor(minor, currency) })),
      messagesSent: mine.filter((e) => e.status === 'sent').length,
      needsCheck: mine.filter((e) => e.status === 'unknown').length,
      bounced: mine.filter((e) => e.status === 'bounced').length,
      reengagedBy: nurture.by,
    },
  };
}

function tally(m: Map<string, Tally>, key: string): Tally {
  let t = m.get(key);
  if (!t) m.set(key, (t = newTally()));
  return t;
}
