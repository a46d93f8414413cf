import type { Diagnosis } from '../domain/diagnosis.js';
import type { Plan } from '../domain/plan.js';
import type { Scorecard } from '../domain/scorecard.js';
import { days, money, pct, round1 } from './cell-format.js';
import type { TableData } from './table-data.js';

/** Findings, most important first, each with the sentence a manager reads. */
export function diagnosisTables(d: Diagnosis): TableData[] {
  const period = d.from || d.to ? ` (entered ${d.from ?? '…'} to ${d.to ?? '…'})` : '';
  return [
    {
      title: `Diagnosis${period}`,
      columns: ['#', 'stage', 'transition', 'owner', 'kind', 'revenue at stake', 'deals at stake', 'summary'],
      rows: d.findings.map((f, i) => [i + 1, f.stage, f.transition, f.owner, f.kind, money(f.revenueAtStake, d.currency), round1(f.dealsAtStake), f.summary]),
      notes: [
        ...(d.findings.length === 0 ? ['No finding: every transition meets its target (or history), nothing ages past its SLA, no stage is over capacity.'] : []),
        'A conversion X→Y is owned by the team that owns Y: the stage that must take the people in.',
        ...d.notes,
      ],
    },
  ];
}

export function scorecardTables(s: Scorecard): TableData[] {
  const period = s.period ? ` — ${s.period}` : '';
  const goal = s.revenue.goal !== null ? ` of a ${money(s.revenue.goal, s.currency)} goal (${pct(s.revenue.attainment)})` : '';
  return [
    {
      title: `Accountability scorecard${period}`,
      columns: ['team', 'stages owned', 'conversions on target', 'SLA compliance', 'handed on', 'goal: stage', 'needed', 'actual', 'attainment'],
      rows: s.teams.map((t) => [
        t.team,
        t.stages.join(', '),
        t.transitionsJudged > 0 ? `${t.transitionsOnTarget} of ${t.transitionsJudged}` : null,
        pct(t.slaCompliance),
        t.handedOn,
        t.goal?.stage ?? null,
        round1(t.goal?.needed ?? null),
        t.goal?.actual ?? null,
        pct(t.goal?.attainment ?? null),
      ]),
      notes: [`Shared revenue: ${s.revenue.wonCount} won deals, ${money(s.revenue.wonAmount, s.currency)}${goal}.`, ...s.notes],
    },
    {
      title: 'Per stage',
      columns: ['stage', 'owner', 'transition in', 'reached', 'conversion', 'target', 'on target', 'SLA', 'SLA owner', 'SLA stays', 'SLA compliance', 'handed on', 'needed for goal'],
      rows: s.stages.map((x) => [
        x.stage,
        x.owner,
        x.transition,
        x.reached,
        pct(x.conversion),
        pct(x.target),
        x.onTarget === null ? null : x.onTarget ? 'yes' : 'no',
        x.slaHours === null ? null : x.slaHours % 24 === 0 ? `${x.slaHours / 24} d` : `${x.slaHours} h`,
        x.slaHours === null ? null : x.slaOwner,
        x.slaStays,
        pct(x.slaCompliance),
        x.handedOn,
        round1(x.neededForGoal),
      ]),
    },
    {
      title: 'Per owner',
      columns: ['owner', 'units', ...(s.owners[0]?.transitions.map((t) => t.transition) ?? []), 'SLA compliance', 'won', 'won amount'],
      rows: s.owners.map((o) => [o.owner, o.units, ...o.transitions.map((t) => pct(t.conversion)), pct(o.slaCompliance), o.wonCount, money(o.wonAmount, s.currency)]),
    },
  ];
}

export function planTables(p: Plan): TableData[] {
  const source = (s: string | null): string => (s === null ? '' : ` (${s})`);
  return [
    {
      title: `Plan: ${money(p.goal, p.currency)} in ${p.period} (${p.from} to ${p.to})`,
      columns: ['stage', 'owner', 'must take in', 'conversion to next', 'days to next', 'lead days to won', 'from', 'to', 'per week'],
      rows: p.stages.map((s) => [
        s.id,
        s.owner,
        s.neededRounded,
        s.conversionToNext === null ? null : `${pct(s.conversionToNext)}${source(s.conversionSource)}`,
        days(s.lagDaysToNext),
        s.leadDays,
        s.windowFrom,
        s.windowTo,
        round1(s.perWeek),
      ]),
      notes: [
        `Average selling price ${money(p.averageSellingPrice, p.currency)} (${p.aspSource}): ${round1(p.wonNeeded)} won deals needed.`,
        'Rates are observed over the history unless a rates file gives them (or, with nothing observed, the model target).',
        ...p.notes,
      ],
    },
    {
      title: 'Month by month',
      columns: ['month', ...p.stages.map((s) => s.id)],
      rows: p.schedule.map((m) => [m.month, ...p.stages.map((s) => round1(m.needs[s.id] ?? 0))]),
    },
  ];
}
