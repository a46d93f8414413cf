import { COUNT_BUCKETS } from '../domain/count-reconciliation.js';
import type { CountBucket } from '../domain/count-reconciliation.js';
import { CONFLICT_KINDS } from '../domain/reconciliation.js';
import type { Conflict, ConflictValue, ReconcileReport } from '../domain/reconciliation.js';
import type { TableData } from './table-data.js';

/** Short column names; the legend under the table says what each means. */
const BUCKET_LABELS: Record<CountBucket, readonly [string, string]> = {
  rejectedRows: ['rejected', 'rows a system counts that were rejected at import'],
  mergedDuplicates: ['duplicates', 'records (of one system or both) merged into one person'],
  outsidePeriod: ['other period', 'a system dates the record in another period than the person entered the funnel'],
  skippedStages: ['passed', 'skipped stages counted as passed: Tandem counts everyone who reached the stage, also those who went on, skipped it or left the funnel from it'],
  precedence: ['precedence', 'a system’s status lost a contradiction to another system’s (source precedence)'],
  modelRules: ['model rules', 'reached (or not) by the funnel model’s rules rather than a status: lead creation, deals, scores'],
};

const who = (p: { email: string | null; name: string | null; person: string | null }): string => p.email ?? p.name ?? p.person ?? '—';

function limited<T>(rows: readonly T[], limit: number | null): { rows: readonly T[]; notes: string[] } {
  if (limit === null || rows.length <= limit) return { rows, notes: [] };
  return { rows: rows.slice(0, limit), notes: [`… and ${rows.length - limit} more (all of them with --format json or csv)`] };
}

function valueText(v: ConflictValue, detailed: boolean): string {
  const raw = v.raw && v.raw !== v.value ? ` (${v.raw})` : '';
  const where = detailed && v.file ? ` [${v.file} row ${v.row}]` : '';
  return `${v.source}: ${String(v.value)}${raw}${where}`;
}

function conflictRow(c: Conflict, detailed: boolean): (string | number | null)[] {
  return [c.kind, c.person ? who(c) : `deal ${c.opportunity} ${c.name ?? ''}`.trim(), c.field, c.values.map((v) => valueText(v, detailed)).join('; '), c.used === null ? null : String(c.used), c.usedSource, c.rule, c.tandemStage ?? null];
}

/** The reconciliation as tables: systems and matching, near-matches, one-system persons, conflicts, counts. */
export function reconcileTables(r: ReconcileReport, limit: number | null): TableData[] {
  // Without a limit (csv) every detail goes in; tables for reading stay narrow.
  const detailed = limit === null;
  const id = r.identity;
  const tables: TableData[] = [
    {
      title: 'Systems: how each system’s person records were matched',
      columns: ['system', 'kind', 'records', 'landed', 'rejected', 'persons', 'by external id', 'by email', 'new', 'only in this system'],
      rows: id.systems.map((s) => [s.system, s.kind, s.records, s.landed, s.rejected, s.persons, s.matchedByExternalId, s.matchedByEmail, s.newPersons, s.onlyInThisSystem]),
    },
    {
      title: 'Persons and accounts',
      columns: ['measure', 'count'],
      rows: [
        ['persons', id.persons.total],
        ['persons in several systems (matched by normalised email)', id.persons.inSeveralSystems],
        ['persons in one system only', id.persons.inOneSystem],
        ['accounts (matched by domain)', id.accounts.total],
        ['accounts with persons', id.accounts.withPersons],
        ['accounts in several systems', id.accounts.inSeveralSystems],
        ['opportunities', id.accounts.opportunities],
        ['opportunities matched to a person', id.accounts.opportunitiesWithPerson],
        ['opportunities matched to an account by domain only', id.accounts.opportunitiesByDomain],
      ],
    },
  ];
  const variants = limited(id.emailVariants, limit);
  tables.push({
    title: 'One email spelled differently (merged by normalised email)',
    columns: ['person', 'name', 'differs by', 'spellings'],
    rows: variants.rows.map((v) => [v.email, v.name, v.differences.join(', '), v.records.map((x) => `${x.source}: ${x.email}`).join('; ')]),
    notes: variants.rows.length ? variants.notes : ['none'],
  });
  const near = limited(id.nearMatches, limit);
  tables.push({
    title: 'Near-matches (not merged: check whether they are one person)',
    columns: ['reasons', 'persons'],
    rows: near.rows.map((m) => [m.reasons.join(', '), m.persons.map((p) => `${p.records.map((x) => x.source).join('+')}: ${p.email ?? '—'} (${p.name ?? '—'})`).join(' | ')]),
    notes: near.rows.length ? near.notes : ['none'],
  });
  const one = limited(id.onlyInOneSystem, limit);
  tables.push({
    title: 'In one system only (listed: CRM-only persons, and persons handed to sales that no CRM has)',
    columns: ['system', 'why', 'person', 'name', 'stage', 'status there'],
    rows: one.rows.map((o) => [o.system, o.why, o.email, o.name, o.stage, o.status]),
    notes: one.rows.length ? one.notes : ['none'],
  });
  tables.push({ title: 'Conflicts by kind', columns: ['kind', 'count'], rows: CONFLICT_KINDS.map((k) => [k, r.conflictCounts[k]]) });
  const list = limited(r.conflicts, limit);
  tables.push({
    title: detailed ? 'Conflicts: each system’s value and the value Tandem uses' : 'Conflicts: each system’s value and the value Tandem uses (files and rows with --format json or csv)',
    columns: ['kind', 'person', 'field', 'values', 'used', 'from', 'rule', 'Tandem stage'],
    rows: list.rows.map((c) => conflictRow(c, detailed)),
    notes: list.rows.length ? list.notes : ['none'],
  });
  const sources = [...new Set(r.counts.flatMap((c) => Object.keys(c.bySource)))].sort();
  tables.push({
    title: `Counts per stage and ${r.period.grain}: each system's own status count, Tandem's replayed count, the difference explained`,
    columns: ['stage', 'period', ...sources, 'Tandem', 'difference', ...COUNT_BUCKETS.map((b) => BUCKET_LABELS[b][0])],
    rows: r.counts.map((c) => {
      const systems = sources.reduce((n, s) => n + (c.bySource[s] ?? 0), 0);
      return [c.stage, c.period, ...sources.map((s) => c.bySource[s] ?? 0), c.tandem, c.tandem - systems, ...COUNT_BUCKETS.map((b) => c.explained[b])];
    }),
    notes: [
      'A system’s count: its records whose own status (lifecycle or lead status) is the stage now, by the period they were created in.',
      'Tandem’s count: persons who reached the stage or a later one, by the period they entered the funnel.',
      'difference = Tandem − the systems’ counts summed = the sum of:',
      ...COUNT_BUCKETS.map((b) => `  ${BUCKET_LABELS[b][0]}: ${BUCKET_LABELS[b][1]}`),
    ],
  });
  return tables;
}
