import type { BacktestReport } from '../app/backtest-report.js';
import type { CompareReport, MoverView } from '../app/compare-models.js';
import type { PersonExplanation } from '../app/explain-person.js';
import type { ModelVersionSummary, ProfileSuggestion } from '../app/qualification-services.js';
import type { RuleHit } from '../domain/qualification/score.js';
import type { TableData } from './table-data.js';

const pct = (v: number | null): string | null => (v === null ? null : `${(v * 100).toFixed(1)}%`);
const dec = (v: number | null): string | null => (v === null ? null : v.toFixed(3));
const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);

type Row = (string | number | null)[];

function figureRows(r: BacktestReport): Row[] {
  return [
    ['inquiries (entered in the period)', r.inquiries],
    ['filtered out by the profile (fit below threshold)', r.filteredByProfile],
    ['qualified (MQL under the model)', r.qualified],
    ['won', r.won],
    ['won among qualified (kept)', r.wonAmongQualified],
    ['won filtered out by the profile', r.wonFilteredByProfile],
    ['recall of won', pct(r.recall)],
    ['precision (qualified later won)', pct(r.precision)],
    ['reached sql / of them qualified', `${r.sqlReached} / ${r.sqlAmongQualified}`],
    ['reached opportunity / of them qualified', `${r.opportunityReached} / ${r.opportunityAmongQualified}`],
    ['won amount', money(r.wonAmount, r.currency)],
    ['won amount kept', money(r.wonAmountKept, r.currency)],
    ['won amount lost', money(r.wonAmountLost, r.currency)],
    ['ROC AUC of the score vs won', dec(r.auc)],
    ['ROC AUC of the grade vs won', dec(r.gradeAuc)],
  ];
}

function period(r: BacktestReport): string {
  return r.from || r.to ? `entered ${r.from ?? '…'} to ${r.to ?? '…'}` : 'everyone';
}

/** A backtest as tables: the figures, grades and the threshold sweep. */
export function backtestTables(r: BacktestReport): TableData[] {
  return [
    {
      title: `Backtest of ${r.modelVersion} (${period(r)}; MQL when fit ≥ ${r.thresholds.fit} and total ≥ ${r.thresholds.total}; as at ${r.at.slice(0, 10)})`,
      columns: ['figure', 'value'],
      rows: figureRows(r),
      notes: r.warnings.map((w) => `warning: ${w}`),
    },
    {
      title: 'Grades (highest fit before the outcome)',
      columns: ['grade', 'persons', 'won', 'win rate'],
      rows: (['A', 'B', 'C', 'D'] as const).map((g) => [g, r.grades[g].persons, r.grades[g].won, pct(r.grades[g].persons ? r.grades[g].won / r.grades[g].persons : null)]),
    },
    {
      title: 'Threshold sweep (total score; fit threshold held)',
      columns: ['total ≥', 'qualified', 'won among qualified', 'recall', 'precision'],
      rows: r.sweep.map((s) => [s.threshold, s.qualified, s.wonAmongQualified, pct(s.recall), pct(s.precision)]),
    },
  ];
}

const hits = (rules: readonly RuleHit[]): string => rules.map((h) => `${h.name} ${h.points > 0 ? '+' : ''}${h.points}`).join('; ') || '(none)';
const side = (v: MoverView): string => `${v.qualified ? `MQL ${v.at!.slice(0, 10)}` : 'not MQL'} (fit ${v.fit}, total ${v.total}): ${hits(v.rules)}`;

export function compareTables(c: CompareReport): TableData[] {
  const a = figureRows(c.a);
  const b = figureRows(c.b);
  return [
    {
      title: `A = ${c.a.modelVersion}   B = ${c.b.modelVersion}   (${period(c.a)})`,
      columns: ['figure', 'A', 'B'],
      rows: a.map((row, i) => [row[0]!, row[1]!, b[i]![1]!]),
    },
    {
      title: 'People who move',
      columns: ['', 'persons'],
      rows: [
        ['qualified by A only', c.moved.onlyA],
        ['qualified by B only', c.moved.onlyB],
        ['won, kept by A only', c.moved.wonOnlyA],
        ['won, kept by B only', c.moved.wonOnlyB],
      ],
    },
    {
      title: `Sample of people who move (won first), with the rules that fired`,
      columns: ['person', 'won', 'A', 'B'],
      rows: c.sample.map((m) => [m.email ?? m.personId, m.won ? 'yes' : 'no', side(m.a), side(m.b)]),
    },
  ];
}

export function versionsTable(list: readonly ModelVersionSummary[]): TableData[] {
  return [
    {
      title: 'Model versions',
      columns: ['kind', 'model', 'version', 'author', 'adopted at', 'active'],
      rows: list.map((v) => [v.kind, v.modelId, v.version, v.author, v.createdAt, v.active ? 'yes' : '']),
    },
  ];
}

export function explainTables(e: PersonExplanation): TableData[] {
  const p = e.person;
  const tables: TableData[] = [
    {
      title: `Person ${p.id}`,
      columns: ['field', 'value'],
      rows: [
        ['name', p.name],
        ['email', p.email],
        ['company', p.company],
        ['source', p.source],
        ['created', p.createdAt],
      ],
    },
  ];
  if (e.score && e.model) {
    const s = e.score;
    tables.push({
      title: `Score under ${e.model.version} as at ${e.at.slice(0, 10)}: fit ${s.fit} (grade ${s.grade}), engagement ${s.engagement}, total ${s.total} — ${s.qualified ? 'meets' : 'below'} MQL (fit ≥ ${s.thresholds.fit}, total ≥ ${s.thresholds.total})`,
      columns: ['rule', 'kind', 'points'],
      rows: e.rules.map((h) => [h.name, h.section === 'profile' ? 'fit' : 'engagement', h.points]),
      notes: [e.crossing ? `Became MQL at ${e.crossing.at} (fit ${e.crossing.fit}, total ${e.crossing.total}): ${hits(e.crossing.rules)}` : 'Never met the MQL thresholds.'],
    });
  } else {
    tables.push({ title: 'Score', columns: ['note'], rows: [['no qualification model is adopted (tandem model adopt FILE)']] });
  }
  tables.push({
    title: `Stage timeline under ${e.timeline.version} (${e.timeline.source === 'stored' ? 'as stored by the last replay' : 'computed now: not replayed under this version'})`,
    columns: ['at', 'from', 'to', 'why'],
    rows: e.timeline.transitions.map((t) => [t.at, t.fromStage, t.toStage, t.reason]),
    notes: e.otherVersions.length > 0 ? [`Also stored under: ${e.otherVersions.join(', ')} (tandem person explain ID --version V)`] : [],
  });
  return tables;
}

export function suggestionTables(s: ProfileSuggestion, limit: number): TableData[] {
  const value = (v: ProfileSuggestion['values'][number]): string => {
    if (v.range) return [v.range.gte !== undefined ? `≥ ${v.range.gte}` : '', v.range.lt !== undefined ? `< ${v.range.lt}` : ''].filter(Boolean).join(' and ');
    return v.value === null ? '(blank)' : String(v.value);
  };
  const rows = (list: readonly ProfileSuggestion['values'][number][]): Row[] =>
    list.map((v) => [v.field, value(v), v.n, v.outcomes, pct(v.rate), `${pct(v.low)}–${pct(v.high)}`, v.lift.toFixed(2), pct(v.share), v.points]);
  const columns = ['field', 'value', 'people', s.outcome, 'rate', '95% interval', 'lift', 'share', 'points'];
  const r = s.evaluation.report;
  return [
    {
      title: `Values that convert best to ${s.outcome} (base rate ${pct(s.baseRate)} over ${s.people} people; support ≥ ${s.minSupport})`,
      columns,
      rows: rows(s.values.slice(0, limit)),
    },
    {
      title: 'Values that convert worst',
      columns,
      rows: rows([...s.values].reverse().slice(0, Math.min(limit, Math.max(0, s.values.length - limit)))),
    },
    {
      title: `Draft ${s.draftVersion} on ${s.evaluation.on === 'holdout' ? `the ${Math.round((1 - s.split) * 100)}% hold-out` : 'the people it learnt from (no hold-out)'}`,
      columns: ['figure', 'value'],
      rows: [
        ['people', r.inquiries],
        ['ROC AUC of the grade vs won', dec(r.gradeAuc)],
        ['ROC AUC of the fit score vs won', dec(r.auc)],
        ...(['A', 'B', 'C', 'D'] as const).map((g): Row => [`grade ${g}: people / won`, `${r.grades[g].persons} / ${r.grades[g].won}`]),
      ],
    },
  ];
}
