import type { FunnelModel } from '../domain/funnel-model.js';
import { statusConflictOf } from '../domain/lifecycle.js';
import { DEFAULT_PRECEDENCE, ruleFor } from '../domain/precedence.js';
import type { Conflict, ConflictValue, EmailVariant } from '../domain/reconciliation.js';
import type { OpportunityRow, PersonLabel, ReconcileStore, SourceRecordRow } from './ports/reconcile-store.js';
import { emailVariantOf } from './reconcile-identity.js';

const PAGE = 1000;

/** Person fields whose disagreement between systems is reported (the rest are settled silently, with provenance). */
const FIELD_CONFLICTS = [
  { field: 'owner', kind: 'owner' },
  { field: 'doNotEmail', kind: 'subscription' },
  { field: 'doNotCall', kind: 'subscription' },
] as const;

function ruleText(model: FunnelModel, field: string): string {
  const rule = ruleFor(model.precedence ?? DEFAULT_PRECEDENCE, field);
  return `${field}: ${rule.preferences.join(', ')}${rule.from === field ? '' : ` (${rule.from})`}`;
}

function comparable(v: unknown): string {
  return typeof v === 'string' ? v.normalize('NFKC').trim().toLowerCase() : String(v);
}

function fieldConflicts(model: FunnelModel, person: PersonLabel, records: readonly SourceRecordRow[]): Conflict[] {
  if (new Set(records.map((r) => r.source)).size < 2) return [];
  const out: Conflict[] = [];
  for (const { field, kind } of FIELD_CONFLICTS) {
    const withValue = records.filter((r) => r.fields[field] !== undefined && r.fields[field] !== null && r.fields[field] !== '');
    if (new Set(withValue.map((r) => r.source)).size < 2 || new Set(withValue.map((r) => comparable(r.fields[field]))).size < 2) continue;
    const values: ConflictValue[] = withValue.map((r) => ({
      source: r.source,
      value: r.fields[field] as string | boolean,
      record: r.recordKey,
      file: r.file,
      row: r.row,
      at: r.updatedAt ?? r.seenAt,
    }));
    const supplier = records.find((r) => r.supplies.includes(field));
    const used = field === 'owner' ? person.owner : field === 'doNotEmail' ? person.doNotEmail : person.doNotCall;
    out.push({ kind, person: person.personId, email: person.email, name: person.name, field, values, used, usedSource: supplier?.source ?? null, rule: ruleText(model, field) });
  }
  return out;
}

/** Persons with several records: their email spellings (identity) and the fields their systems disagree on. */
export async function recordConflicts(store: ReconcileStore, model: FunnelModel): Promise<{ emailVariants: EmailVariant[]; conflicts: Conflict[] }> {
  const emailVariants: EmailVariant[] = [];
  const conflicts: Conflict[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.multiRecordPersons(after, PAGE);
    if (page.length === 0) break;
    for (const { person, records } of page) {
      const v = emailVariantOf(person, records);
      if (v) emailVariants.push(v);
      conflicts.push(...fieldConflicts(model, person, records));
    }
    after = page[page.length - 1]!.person.personId;
  }
  return { emailVariants, conflicts };
}

/**
 * Persons whose systems contradict each other on their stage, with the view Tandem uses, and
 * the systems whose status replay set aside for each (the count reconciliation needs them).
 */
export async function stageConflicts(store: ReconcileStore, model: FunnelModel): Promise<{ conflicts: Conflict[]; setAside: Map<string, readonly string[]> }> {
  const conflicts: Conflict[] = [];
  const setAside = new Map<string, readonly string[]>();
  let after: string | null = null;
  for (;;) {
    const page = await store.multiSystemStatusPersons(after, PAGE);
    if (page.length === 0) break;
    const found = page.flatMap((p) => {
      const c = statusConflictOf(model, p.activities);
      return c ? [{ personId: p.personId, c }] : [];
    });
    const ids = found.map((f) => f.personId);
    const labels = new Map((await store.personLabels(ids)).map((l) => [l.personId, l]));
    const records = new Map<string, SourceRecordRow[]>();
    for (const r of await store.records(ids)) records.set(r.personId!, [...(records.get(r.personId!) ?? []), r]);
    const current = await store.currentStages(model.version, ids);
    for (const { personId, c } of found) {
      setAside.set(personId, c.losers);
      const label = labels.get(personId);
      const values = c.views.map((v): ConflictValue => {
        const rec = records.get(personId)?.find((r) => r.source === v.source && r.stage === v.stage);
        return { source: v.source, value: v.stage, raw: rec?.statusRaw ?? null, at: v.at, ...(rec ? { record: rec.recordKey, file: rec.file, row: rec.row } : {}) };
      });
      conflicts.push({
        kind: 'stage',
        person: personId,
        email: label?.email ?? null,
        name: label?.name ?? null,
        field: c.field,
        values,
        used: c.views.find((v) => v.source === c.winner)!.stage,
        usedSource: c.winner,
        rule: ruleText(model, c.field),
        tandemStage: current.get(personId) ?? null,
      });
    }
    after = page[page.length - 1]!.personId;
  }
  return { conflicts, setAside };
}

function describeDeal(o: OpportunityRow): string | null {
  if (o.personRef !== null) return `names person ${o.personRef}, whom no system has`;
  if (o.accountId === null) return 'names neither a person nor an account';
  if (!o.accountHasPersons) return `on account ${o.accountDomain ?? o.accountName ?? o.accountId}, where no system has a person`;
  return null;
}

/** Deals that match no person and no known account. */
export async function opportunityConflicts(store: ReconcileStore): Promise<Conflict[]> {
  return (await store.opportunitiesWithoutPerson()).flatMap((o): Conflict[] => {
    const why = describeDeal(o);
    if (why === null) return [];
    return [
      {
        kind: 'opportunity',
        person: null,
        email: null,
        name: o.name,
        field: 'opportunity',
        opportunity: o.externalId,
        values: [{ source: o.source, value: why, record: o.externalId }],
        used: 'counted in revenue, in no person’s journey',
        usedSource: o.source,
        rule: null,
      },
    ];
  });
}
