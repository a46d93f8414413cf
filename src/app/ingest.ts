import { minorUnitDigits } from '../domain/funnel-report.js';
import { normaliseEmail } from '../domain/normalise.js';
import type { ActivityInput, IngestKind, IngestRequest, IngestResult, ItemError, OpportunityInput, PersonInput, PersonRefInput } from './ingest-input.js';
import type { ActivityRecord, ImportBatch, OpportunityRecord, Origin, PersonRecord, PersonRef } from './ports/import-records.js';
import type { ImportStore } from './ports/import-store.js';

class ItemProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function utc(field: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ItemProblem(field, `"${value.slice(0, 40)}" is not an ISO-8601 date-time`);
  return new Date(ms).toISOString();
}

function personRef(ref: PersonRefInput, system: string, field: string): PersonRef {
  if (ref.externalId) return { kind: 'external', source: ref.system ?? system, externalId: ref.externalId };
  if (ref.email && normaliseEmail(ref.email)) return { kind: 'email', email: ref.email };
  throw new ItemProblem(field, 'name the person by externalId (with its system) or by a valid email');
}

type Mutable = { [K in keyof ImportBatch]-?: NonNullable<ImportBatch[K]>[number][] };

/**
 * A pushed person becomes exactly what a CSV row of a persons export becomes: the record,
 * plus its lead_created and stage_change activities with the same external ids, so that
 * the API and a file import of the same person land once.
 */
function addPerson(out: Mutable, p: PersonInput, origin: Origin): void {
  const email = p.email ?? null;
  if (email !== null && !normaliseEmail(email)) throw new ItemProblem('email', `"${email.slice(0, 60)}" is not an email address`);
  if (!p.externalId && !email) throw new ItemProblem('externalId', 'give an externalId or an email, so the person can be matched');
  const createdAt = utc('createdAt', p.createdAt);
  const stageAt = utc('stageAt', p.stageAt) ?? createdAt;
  if (p.stage && !stageAt) throw new ItemProblem('stageAt', `the stage "${p.stage}" has no date: give stageAt or createdAt`);
  out.persons.push({
    origin,
    system: p.system,
    externalId: p.externalId ?? null,
    fields: {
      email,
      firstName: p.firstName ?? null,
      lastName: p.lastName ?? null,
      company: p.company ?? null,
      owner: p.owner ?? null,
      source: p.leadSource ?? null,
      country: p.country ?? null,
      industry: p.industry ?? null,
      title: p.title ?? null,
      createdAt,
      doNotCall: p.doNotCall ?? null,
      doNotEmail: p.doNotEmail ?? null,
    },
    accountDomain: p.accountDomain ?? null,
    attributes: p.attributes ?? {},
  } satisfies PersonRecord);
  const person: PersonRef = p.externalId ? { kind: 'external', source: p.system, externalId: p.externalId } : { kind: 'email', email: email! };
  const key = p.externalId ?? normaliseEmail(email)!;
  const activity = (suffix: string, type: ActivityRecord['type'], at: string, stage: ActivityRecord['stage']): ActivityRecord => ({
    origin, system: p.system, externalId: `${key}#${suffix}`, person, type, occurredAt: at, actor: p.owner ?? null, stage, properties: {},
  });
  if (createdAt) out.activities.push(activity('created', 'lead_created', createdAt, null));
  if (p.stage) out.activities.push(activity(`stage:${p.stage}`, 'stage_change', stageAt!, p.stage));
}

function addActivity(out: Mutable, a: ActivityInput, origin: Origin): void {
  if (a.type === 'stage_change' && !a.stage) throw new ItemProblem('stage', 'a stage_change names the stage it sets');
  out.activities.push({
    origin,
    system: a.system,
    externalId: a.externalId,
    person: personRef(a.person, a.system, 'person'),
    type: a.type,
    occurredAt: utc('occurredAt', a.occurredAt)!,
    actor: a.actor ?? null,
    stage: a.type === 'stage_change' ? (a.stage ?? null) : null,
    properties: a.properties ?? {},
  });
}

/** Like a CSV deal row: the opportunity plus its created/won/lost activities on the person. */
function addOpportunity(out: Mutable, o: OpportunityInput, origin: Origin): void {
  if (o.amount !== undefined && !o.currency) throw new ItemProblem('currency', 'an amount needs its currency (ISO 4217, e.g. USD)');
  const createdAt = utc('createdAt', o.createdAt);
  const closedAt = utc('closedAt', o.closedAt);
  if (o.status !== 'open' && !closedAt) throw new ItemProblem('closedAt', `the opportunity is ${o.status} but has no closedAt`);
  const person = o.person ? personRef(o.person, o.system, 'person') : null;
  out.opportunities.push({
    origin,
    system: o.system,
    externalId: o.externalId,
    person,
    accountDomain: o.accountDomain ?? null,
    accountName: o.accountName ?? null,
    name: o.name ?? null,
    amountMinor: o.amount === undefined ? null : Math.round(o.amount * 10 ** minorUnitDigits(o.currency!)),
    currency: o.currency ? o.currency.toUpperCase() : null,
    stage: o.stage ?? null,
    status: o.status,
    owner: o.owner ?? null,
    createdAt,
    closedAt,
    attributes: o.attributes ?? {},
  } satisfies OpportunityRecord);
  if (!person) return;
  const activity = (suffix: string, type: ActivityRecord['type'], at: string): ActivityRecord => ({
    origin, system: o.system, externalId: `${o.externalId}#${suffix}`, person, type, occurredAt: at, actor: o.owner ?? null, stage: null, properties: { opportunity: o.externalId },
  });
  if (createdAt) out.activities.push(activity('created', 'opportunity_created', createdAt));
  if (o.status !== 'open') out.activities.push(activity(o.status, o.status === 'won' ? 'opportunity_won' : 'opportunity_lost', closedAt!));
}

/**
 * Lands pushed persons, activities and deals in one transaction through the same store path
 * as CSV imports (idempotent by system + external id), reports each bad item by its index,
 * then replays only the persons the new data touched.
 */
export async function ingest(
  store: ImportStore,
  replayTouched: (personIds: readonly string[]) => Promise<number>,
  request: IngestRequest,
  now: () => string,
): Promise<IngestResult> {
  const batch: Mutable = { accounts: [], persons: [], opportunities: [], activities: [], campaigns: [] };
  const rejected: ItemError[] = [];
  const accepted: Record<IngestKind, number> = { persons: 0, activities: 0, opportunities: 0 };
  const take = <T>(kind: IngestKind, items: IngestRequest[IngestKind], add: (out: Mutable, v: T, o: Origin) => void): void => {
    for (const item of items) {
      // Build each item's records aside, so a bad item adds nothing.
      const one: Mutable = { accounts: [], persons: [], opportunities: [], activities: [], campaigns: [] };
      try {
        add(one, item.value as T, { file: kind, row: item.index });
      } catch (e) {
        if (!(e instanceof ItemProblem)) throw e;
        rejected.push({ kind, index: item.index, field: e.field, message: e.message });
        continue;
      }
      for (const k of ['accounts', 'persons', 'opportunities', 'activities'] as const) (batch[k] as unknown[]).push(...one[k]);
      accepted[kind]++;
    }
  };
  take('persons', request.persons, addPerson);
  take('opportunities', request.opportunities, addOpportunity);
  take('activities', request.activities, addActivity);
  if (batch.persons.length + batch.opportunities.length + batch.activities.length === 0) {
    return { accepted, rejected, activitiesInserted: 0, personsReplayed: 0 };
  }
  const outcome = await store.applyBatch(batch, now());
  const seen = new Set<string>();
  for (const r of outcome.rejects) {
    const kind = r.file as IngestKind;
    const key = `${kind}:${r.row}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rejected.push({ kind, index: r.row, field: 'person', message: r.reason.replace(': import the persons file first or in the same run', ': send the person first or in the same batch') });
    accepted[kind]--;
  }
  rejected.sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index);
  const personsReplayed = outcome.touchedPersonIds.length > 0 ? await replayTouched(outcome.touchedPersonIds) : 0;
  return { accepted, rejected, activitiesInserted: outcome.activitiesInserted, personsReplayed };
}
