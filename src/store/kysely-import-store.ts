import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Attributes } from '../domain/entities.js';
import { normaliseDomain, normaliseEmail } from '../domain/normalise.js';
import type {
  ActivityRecord,
  ImportBatch,
  OpportunityRecord,
  PersonRecord,
  PersonRef,
  Reject,
} from '../app/ports/import-records.js';
import type { BatchOutcome, ImportRunStats, ImportStore } from '../app/ports/import-store.js';
import { DEFAULT_PRECEDENCE } from '../domain/precedence.js';
import type { PrecedencePolicy } from '../domain/precedence.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { stableId } from './ids.js';
import { readJson, writeJson } from './json-column.js';
import { mergeBySourcePrecedence } from './person-sources.js';
import { recordRejectedPersonRows } from './rejected-person-rows.js';
import { remergePersons } from './remerge-persons.js';
import type { LandedPerson } from './person-sources.js';
import type { Database, PersonsTable } from './schema.js';
import { ResolvedRefs } from './resolved-refs.js';
import { upsertCampaigns } from './upsert-campaigns.js';
import { inGroupedTransactions } from './grouped-import-store.js';
import { restoreSuspendedIndexes, suspendIndexes } from './suspended-indexes.js';

const CHUNK = 400;
/** An export row is rarely shorter than 40 bytes (id, person, type, time): files of N bytes hold at most about N / 40 rows. */
const BYTES_PER_ACTIVITY_ROW = 40;
const MIN_ACTIVITIES_FOR_FIRST_LOAD = 20_000;
/**
 * The tables each batch looks persons up in, by external id and by email: their statistics must
 * follow them as they grow (a source's identities planned as a handful get scanned in full per lookup).
 */
const READ_BACK_TABLES = ['identities', 'persons'];

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function accountId(domain: string): string {
  return stableId('acc', domain);
}

/** Resolves person references to ids: by the source's own id first, then by normalised email. */
async function lookupRefs(trx: Transaction<Database>, refs: readonly PersonRef[], into: ResolvedRefs): Promise<void> {
  const bySource = new Map<string, string[]>();
  const emails: string[] = [];
  for (const ref of refs) {
    if (into.has(ref)) continue;
    if (ref.kind === 'external') {
      // Appended in place: copying the list per reference made a batch quadratic in its size.
      const ids = bySource.get(ref.source);
      if (ids) ids.push(ref.externalId);
      else bySource.set(ref.source, [ref.externalId]);
    }
    else {
      const e = normaliseEmail(ref.email);
      if (e) emails.push(e);
    }
  }
  for (const [source, ids] of bySource) {
    for (const part of chunks([...new Set(ids)])) {
      const rows = await trx
        .selectFrom('identities')
        .select(['external_id', 'person_id'])
        .where('source', '=', source)
        .where('external_id', 'in', part)
        .execute();
      for (const r of rows) into.setExternal(source, r.external_id, r.person_id);
    }
  }
  for (const part of chunks([...new Set(emails)])) {
    const rows = await trx.selectFrom('persons').select(['id', 'email_norm']).where('email_norm', 'in', part).execute();
    for (const r of rows) if (r.email_norm) into.setEmail(r.email_norm, r.id);
  }
}

function mergeAttributes(old: string | undefined, next: Attributes): string {
  return writeJson({ ...readJson(old), ...next });
}

/** Newer non-empty values win; empty cells never erase what another row or system supplied. */
function mergePerson(id: string, prev: PersonsTable | undefined, rec: PersonRecord, emailFree: boolean, at: string): PersonsTable {
  const f = rec.fields;
  const email = normaliseEmail(f.email);
  const domain = normaliseDomain(rec.accountDomain) ?? (email ? normaliseDomain(email) : null);
  const pick = <T>(value: T | null, old: T | null | undefined): T | null => (value ?? old ?? null);
  return {
    id,
    email: pick(f.email, prev?.email),
    email_norm: emailFree ? pick(email, prev?.email_norm) : (prev?.email_norm ?? null),
    first_name: pick(f.firstName, prev?.first_name),
    last_name: pick(f.lastName, prev?.last_name),
    company: pick(f.company, prev?.company),
    account_id: domain && rec.accountDomain ? accountId(domain) : (prev?.account_id ?? (domain ? accountId(domain) : null)),
    owner: pick(f.owner, prev?.owner),
    source: pick(f.source, prev?.source),
    country: pick(f.country, prev?.country),
    industry: pick(f.industry, prev?.industry),
    title: pick(f.title, prev?.title),
    // The first time either system saw the person is when they entered.
    created_at: prev?.created_at && f.createdAt ? (prev.created_at < f.createdAt ? prev.created_at : f.createdAt) : pick(f.createdAt, prev?.created_at),
    do_not_call: f.doNotCall === null ? (prev?.do_not_call ?? 0) : f.doNotCall ? 1 : 0,
    do_not_email: f.doNotEmail === null ? (prev?.do_not_email ?? 0) : f.doNotEmail ? 1 : 0,
    attributes: mergeAttributes(prev?.attributes, rec.attributes),
    updated_at: at,
  };
}

const PERSON_COLUMNS = [
  'email', 'email_norm', 'first_name', 'last_name', 'company', 'account_id', 'owner', 'source', 'country', 'industry',
  'title', 'created_at', 'do_not_call', 'do_not_email', 'attributes', 'updated_at',
] as const;

export class KyselyImportStore implements ImportStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly helpers: DialectHelpers,
    /** See `ImportStore.concurrentBatches`: more than 1 only inside `bulk`. */
    readonly concurrentBatches = 1,
  ) {}

  async startRun(id: string, files: readonly string[], at: string): Promise<void> {
    await this.db
      .insertInto('import_runs')
      .values({ id, started_at: at, status: 'running', files: JSON.stringify(files), rows_total: 0, rows_ok: 0, rows_rejected: 0 })
      .execute();
  }

  async finishRun(id: string, stats: ImportRunStats, at: string): Promise<void> {
    await this.db
      .updateTable('import_runs')
      .set({ status: stats.status, finished_at: at, rows_total: stats.rowsTotal, rows_ok: stats.rowsOk, rows_rejected: stats.rowsRejected })
      .where('id', '=', id)
      .execute();
  }

  recordRejects(runId: string, firstSeq: number, rejects: readonly Reject[]): Promise<void> {
    return this.recordRejectsIn(this.db, runId, firstSeq, rejects);
  }

  /** `recordRejects` on the given connection or transaction (a bulk import's open one). */
  async recordRejectsIn(db: Kysely<Database>, runId: string, firstSeq: number, rejects: readonly Reject[]): Promise<void> {
    let seq = firstSeq;
    for (const part of chunks(rejects, 200)) {
      await db
        .insertInto('import_rejects')
        .values(part.map((r) => ({ run_id: runId, seq: seq++, file: r.file, row: r.row, field: r.field, reason: r.reason, raw: r.raw })))
        .onConflict((oc) => oc.columns(['run_id', 'seq']).doNothing())
        .execute();
    }
    await recordRejectedPersonRows(db, rejects, new Date().toISOString());
  }

  applyPrecedence(precedence: PrecedencePolicy): Promise<number> {
    return remergePersons(this.db, precedence, this.helpers.insertMany);
  }

  async applyBatch(batch: ImportBatch, at: string, precedence: PrecedencePolicy = DEFAULT_PRECEDENCE): Promise<BatchOutcome> {
    const outcome = await this.db.transaction().execute((trx) => this.applyBatchIn(trx, batch, at, precedence));
    await this.refreshStatistics(READ_BACK_TABLES);
    return outcome;
  }

  /** The planner's statistics of these tables, brought up to date if they grew much (see `DialectHelpers.refreshStatistics`). */
  private async refreshStatistics(tables: readonly string[]): Promise<void> {
    const refresh = this.helpers.refreshStatistics;
    // Statistics only speed queries up: an error here (another session's `analyze` holding the
    // table, a connection lost) must not fail the batch that has landed.
    if (refresh) await refresh(this.db, tables).catch(() => undefined);
  }

  async bulk<T>(work: (store: ImportStore) => Promise<T>, expected: { readonly bytes: number } = { bytes: 0 }): Promise<T> {
    const limits = this.helpers.bulkCommit;
    if (!limits) {
      const result = await work(new KyselyImportStore(this.db, this.helpers, this.helpers.bulkBatchesInFlight));
      // What reads these tables next (the replay, the reports) is planned on statistics of their new size.
      await this.refreshStatistics(['activities', ...READ_BACK_TABLES]);
      return result;
    }
    // A first load: the activities' person index is built once, by a sort, when the import ends
    // (a crash meanwhile loses nothing: the next open of the store builds it).
    const firstLoad = await this.moreActivitiesComing(expected.bytes);
    if (firstLoad) await suspendIndexes(this.db, this.helpers, 'activities', ['activities_person_time']);
    try {
      return await inGroupedTransactions(this.db, this, limits, work);
    } finally {
      if (firstLoad) await restoreSuspendedIndexes(this.db);
    }
  }

  /**
   * Whether files of this size hold at least 20,000 activities and more than the table holds:
   * then one sort of the whole table (0.9 s per million rows) costs less than the random
   * inserts into the index it saves (2.2 s per million at 1 M rows, more as the index outgrows
   * the cache). Counts at most as many rows as are coming.
   */
  private async moreActivitiesComing(bytes: number): Promise<boolean> {
    const coming = Math.floor(bytes / BYTES_PER_ACTIVITY_ROW);
    if (coming < MIN_ACTIVITIES_FOR_FIRST_LOAD) return false;
    const held = await this.db
      .selectFrom((eb) => eb.selectFrom('activities').select('id').limit(coming).as('some'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(held.n) < coming;
  }

  /** `applyBatch`'s writes, inside the given transaction (its own, or a savepoint of a bulk import's). */
  async applyBatchIn(trx: Transaction<Database>, batch: ImportBatch, at: string, precedence: PrecedencePolicy = DEFAULT_PRECEDENCE): Promise<BatchOutcome> {
    const rejects: Reject[] = [];
    const touched = new Set<string>();
    await this.upsertAccounts(trx, batch);
    await upsertCampaigns(trx, batch.campaigns ?? []);
    const resolved = new ResolvedRefs();
    await this.upsertPersons(trx, batch.persons, resolved, touched, at, precedence);
    await lookupRefs(
      trx,
      [...batch.opportunities.flatMap((o) => (o.person ? [o.person] : [])), ...batch.activities.map((a) => a.person)],
      resolved,
    );
    await this.upsertOpportunities(trx, batch.opportunities, resolved, touched);
    const inserted = await this.insertActivities(trx, batch.activities, resolved, touched, rejects);
    // A fresh token on every (re-)queue: a worker replaying the person right now leaves this entry queued.
    const token = randomUUID();
    // In id order: batches in flight at once that queue the same persons lock their entries in the same order (no deadlock).
    await this.helpers.insertMany(trx, 'replay_queue', [...touched].sort().map((person_id) => ({ person_id, queued_at: at, token })), { columns: ['person_id'], update: ['queued_at', 'token'] });
    return { rejects, touchedPersonIds: [...touched], activitiesInserted: inserted };
  }

  private async upsertAccounts(trx: Transaction<Database>, batch: ImportBatch): Promise<void> {
    const byDomain = new Map<string, { name: string | null; attributes: Attributes }>();
    const add = (domain: string | null, name: string | null, attributes: Attributes = {}): void => {
      const d = normaliseDomain(domain);
      if (!d) return;
      const prev = byDomain.get(d);
      byDomain.set(d, { name: name ?? prev?.name ?? null, attributes: { ...prev?.attributes, ...attributes } });
    };
    for (const a of batch.accounts) add(a.domain, a.name, a.attributes);
    for (const p of batch.persons) add(p.accountDomain ?? (normaliseEmail(p.fields.email) ?? '').split('@')[1] ?? null, p.fields.company);
    for (const o of batch.opportunities) add(o.accountDomain, o.accountName);
    const rows = [...byDomain].map(([domain, v]) => ({ id: accountId(domain), domain, name: v.name, attributes: writeJson(v.attributes), created_at: null }));
    await this.helpers.insertMany(trx, 'accounts', rows, { columns: ['id'], keep: ['name'] });
  }

  private async upsertPersons(
    trx: Transaction<Database>,
    persons: readonly PersonRecord[],
    resolved: ResolvedRefs,
    touched: Set<string>,
    at: string,
    precedence: PrecedencePolicy,
  ): Promise<void> {
    if (persons.length === 0) return;
    // Each record's normalised email and references, worked out once.
    const prepared = persons.map((rec) => {
      const email = normaliseEmail(rec.fields.email);
      const refs: PersonRef[] = [];
      if (rec.externalId) refs.push({ kind: 'external', source: rec.system, externalId: rec.externalId });
      if (email) refs.push({ kind: 'email', email: rec.fields.email! });
      return { rec, email, refs };
    });
    await lookupRefs(trx, prepared.flatMap((p) => p.refs), resolved);
    const existingIds = new Set<string>();
    for (const p of prepared) {
      for (const r of p.refs) {
        const id = resolved.get(r);
        if (id) existingIds.add(id);
      }
    }
    const existing = new Map<string, PersonsTable>();
    for (const part of chunks([...existingIds])) {
      for (const row of await trx.selectFrom('persons').selectAll().where('id', 'in', part).execute()) existing.set(row.id, row);
    }
    const emailOwner = new Map<string, string>();
    for (const row of existing.values()) if (row.email_norm) emailOwner.set(row.email_norm, row.id);
    const merged = new Map<string, PersonsTable>();
    const identities = new Map<string, { source: string; external_id: string; person_id: string }>();
    const landed: LandedPerson[] = [];
    for (const { rec, email, refs } of prepared) {
      const hit = refs.find((r) => resolved.has(r));
      const known = hit ? resolved.get(hit) : undefined;
      const id = known ?? (rec.externalId ? stableId('p', rec.system, rec.externalId) : stableId('p', 'email', email ?? `${rec.origin.file}:${rec.origin.row}`));
      // An email already held by another person stays with them; the two are reported, not silently merged.
      const emailFree = !email || (emailOwner.get(email) ?? id) === id;
      const row = mergePerson(id, merged.get(id) ?? existing.get(id), rec, emailFree, at);
      merged.set(id, row);
      if (row.email_norm) emailOwner.set(row.email_norm, id);
      for (const r of refs) resolved.set(r, id);
      if (rec.externalId) identities.set(`${rec.system}\u0000${rec.externalId}`, { source: rec.system, external_id: rec.externalId, person_id: id });
      touched.add(id);
      landed.push({ record: rec, personId: id, matchedBy: hit ? (hit.kind === 'external' ? 'externalId' : 'email') : 'new' });
    }
    // Each field's value by source precedence over every record of the person (person-sources.ts).
    await mergeBySourcePrecedence(trx, landed, merged, precedence, at, this.helpers.insertMany, new Set(existing.keys()));
    await this.helpers.insertMany(trx, 'persons', [...merged.values()], { columns: ['id'], update: PERSON_COLUMNS });
    await this.helpers.insertMany(trx, 'identities', [...identities.values()], { columns: ['source', 'external_id'] });
  }

  private async upsertOpportunities(
    trx: Transaction<Database>,
    opportunities: readonly OpportunityRecord[],
    resolved: ResolvedRefs,
    touched: Set<string>,
  ): Promise<void> {
    const rows = new Map<string, Database['opportunities']>();
    for (const o of opportunities) {
      const personId = o.person ? (resolved.get(o.person) ?? null) : null;
      if (personId) touched.add(personId);
      const domain = normaliseDomain(o.accountDomain);
      const unresolved: Attributes = o.person && !personId ? { person_ref: o.person.kind === 'external' ? o.person.externalId : o.person.email } : {};
      rows.set(`${o.system}\u0000${o.externalId}`, {
        id: stableId('o', o.system, o.externalId),
        source: o.system,
        external_id: o.externalId,
        person_id: personId,
        account_id: domain ? accountId(domain) : null,
        name: o.name,
        amount_minor: o.amountMinor,
        currency: o.currency,
        stage: o.stage,
        status: o.status,
        owner: o.owner,
        created_at: o.createdAt,
        closed_at: o.closedAt,
        attributes: writeJson({ ...o.attributes, ...unresolved }),
      });
    }
    await this.helpers.insertMany(trx, 'opportunities', [...rows.values()], {
      columns: ['source', 'external_id'],
      update: ['name', 'amount_minor', 'currency', 'stage', 'status', 'owner', 'created_at', 'closed_at', 'attributes'],
      keep: ['person_id', 'account_id'],
    });
  }

  private async insertActivities(
    trx: Transaction<Database>,
    activities: readonly ActivityRecord[],
    resolved: ResolvedRefs,
    touched: Set<string>,
    rejects: Reject[],
  ): Promise<number> {
    // The last row of each (system, id) in the batch, where its first stood; positions keyed by system, then id: no key string built per row.
    const rows: Database['activities'][] = [];
    const at = new Map<string, Map<string, number>>();
    for (const a of activities) {
      const personId = resolved.get(a.person);
      if (!personId) {
        const ref = a.person.kind === 'external' ? `${a.person.source} id ${a.person.externalId}` : `email ${a.person.email}`;
        rejects.push({ file: a.origin.file, row: a.origin.row, field: null, reason: `no person with ${ref}: import the persons file first or in the same run`, raw: null });
        continue;
      }
      let positions = at.get(a.system);
      if (!positions) at.set(a.system, (positions = new Map()));
      const row = {
        id: stableId('a', a.system, a.externalId),
        person_id: personId,
        source: a.system,
        external_id: a.externalId,
        type: a.type,
        occurred_at: a.occurredAt,
        actor: a.actor,
        stage: a.stage,
        properties: writeJson(a.properties),
      };
      const seen = positions.get(a.externalId);
      if (seen === undefined) {
        positions.set(a.externalId, rows.length);
        rows.push(row);
      } else rows[seen] = row;
    }
    const inserted = await this.helpers.insertMany(trx, 'activities', rows, { columns: ['source', 'external_id'] });
    // Only persons whose activities changed need replaying.
    if (inserted > 0) for (const r of rows) touched.add(r.person_id);
    return inserted;
  }
}
