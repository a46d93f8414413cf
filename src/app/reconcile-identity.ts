import { emailDifferences } from '../domain/email-variants.js';
import type { EmailDifference } from '../domain/email-variants.js';
import { normaliseEmail } from '../domain/normalise.js';
import { kindOf } from '../domain/precedence.js';
import type { PrecedencePolicy } from '../domain/precedence.js';
import { NEAR_MATCH_REASONS } from '../domain/reconciliation.js';
import type { EmailVariant, IdentityReport, NearMatch, NearMatchReason, OneSystemListing, PersonRef, RecordRef } from '../domain/reconciliation.js';
import type { PersonLabel, ReconcileStore, SourceRecordRow } from './ports/reconcile-store.js';

/** Stages at which sales has the person: someone there that no CRM knows is a gap. */
const HANDED_TO_SALES = ['sal', 'sql', 'opportunity', 'won'];

export function personRef(p: PersonLabel): PersonRef {
  return { person: p.personId, email: p.email, name: p.name };
}

export function recordRef(r: SourceRecordRow): RecordRef {
  return { source: r.source, record: r.recordKey, email: r.email, file: r.file, row: r.row };
}

/** A merged person whose records spell one normalised email in more than one way. */
export function emailVariantOf(person: PersonLabel, records: readonly SourceRecordRow[]): EmailVariant | null {
  const withEmail = records.filter((r) => r.email !== null);
  const spellings = [...new Set(withEmail.map((r) => r.email!))];
  if (spellings.length < 2) return null;
  const differences = new Set<EmailDifference>();
  for (const a of spellings) for (const b of spellings) if (a < b && normaliseEmail(a) === normaliseEmail(b)) emailDifferences(a, b).forEach((d) => differences.add(d));
  if (differences.size === 0) return null;
  return { ...personRef(person), differences: [...differences].sort(), records: withEmail.map(recordRef) };
}

function nearMatchReasons(records: readonly SourceRecordRow[], byName: boolean): NearMatchReason[] {
  const reasons = new Set<NearMatchReason>(byName ? ['name-and-company'] : []);
  for (const a of records) {
    for (const b of records) {
      if (a.personId === b.personId || !a.email || !b.email) continue;
      if (!byName || normaliseEmail(a.email) !== normaliseEmail(b.email)) emailDifferences(a.email, b.email).forEach((d) => reasons.add(d));
    }
  }
  // Emails that differ in more than case, dots or a tag are no email near-match; the name may still be.
  return NEAR_MATCH_REASONS.filter((r) => reasons.has(r));
}

/**
 * Of persons sharing a name and company, those that may be one human split across systems: each
 * paired with one known to none of its systems. Two persons of the same system with one name
 * at one company are that system's own business (often two people; the systems dedupe by email).
 */
function acrossSystems(persons: readonly PersonLabel[], records: readonly SourceRecordRow[]): PersonLabel[] {
  const systems = new Map(persons.map((p) => [p.personId, new Set(records.filter((r) => r.personId === p.personId).map((r) => r.source))]));
  const disjoint = (a: string, b: string): boolean => ![...systems.get(a)!].some((s) => systems.get(b)!.has(s));
  return persons.filter((p) => persons.some((q) => q.personId !== p.personId && disjoint(p.personId, q.personId)));
}

async function nearMatches(store: ReconcileStore): Promise<NearMatch[]> {
  const byPersons = new Map<string, { reasons: Set<NearMatchReason>; persons: PersonLabel[]; records: SourceRecordRow[] }>();
  for (const key of ['email', 'name'] as const) {
    for (const g of await store.nearMatchGroups(key)) {
      const persons = key === 'name' ? acrossSystems(g.persons, g.records) : g.persons;
      if (persons.length < 2) continue;
      const records = g.records.filter((r) => persons.some((p) => p.personId === r.personId));
      const reasons = nearMatchReasons(records, key === 'name');
      if (reasons.length === 0) continue;
      const id = persons.map((p) => p.personId).sort().join(' ');
      const entry = byPersons.get(id) ?? { reasons: new Set(), persons, records: [] };
      reasons.forEach((r) => entry.reasons.add(r));
      for (const r of records) if (!entry.records.some((x) => x.source === r.source && x.recordKey === r.recordKey)) entry.records.push(r);
      byPersons.set(id, entry);
    }
  }
  return [...byPersons.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, e]) => ({
      reasons: NEAR_MATCH_REASONS.filter((r) => e.reasons.has(r)),
      persons: e.persons.map((p) => ({ ...personRef(p), records: e.records.filter((r) => r.personId === p.personId).map(recordRef) })),
    }));
}

async function oneSystem(store: ReconcileStore, policy: PrecedencePolicy, systems: readonly string[]): Promise<OneSystemListing[]> {
  if (systems.length < 2) return [];
  const crm = systems.filter((s) => kindOf(policy, s) === 'crm');
  const listed = await store.oneSystemPersons(crm, HANDED_TO_SALES);
  return listed.map((l) => ({
    ...personRef(l.person),
    system: l.source,
    stage: l.stage,
    status: l.statusRaw,
    why: crm.includes(l.source) ? 'crm-only' : 'not-in-crm',
  }));
}

/** How each system's records were matched into persons and accounts, what nearly matched, and who one system alone knows. */
export async function identityReport(store: ReconcileStore, policy: PrecedencePolicy, emailVariants: readonly EmailVariant[]): Promise<IdentityReport> {
  const summaries = await store.systemSummaries();
  const persons = await store.countPersons();
  const accounts = await store.accountSummary();
  const landedSystems = summaries.filter((s) => s.records > s.rejected).map((s) => s.source);
  return {
    systems: summaries.map((s) => ({
      system: s.source,
      kind: kindOf(policy, s.source),
      records: s.records,
      landed: s.records - s.rejected,
      rejected: s.rejected,
      persons: s.persons,
      matchedByExternalId: s.byExternalId,
      matchedByEmail: s.byEmail,
      newPersons: s.created,
      onlyInThisSystem: s.onlyHere,
    })),
    persons: { total: persons.persons, inSeveralSystems: persons.inSeveralSystems, inOneSystem: summaries.reduce((n, s) => n + s.onlyHere, 0) },
    accounts: {
      total: accounts.accounts,
      withPersons: accounts.withPersons,
      inSeveralSystems: accounts.inSeveralSystems,
      opportunities: accounts.opportunities,
      opportunitiesWithPerson: accounts.opportunitiesWithPerson,
      opportunitiesByDomain: accounts.opportunitiesByDomain,
    },
    emailVariants,
    nearMatches: await nearMatches(store),
    onlyInOneSystem: await oneSystem(store, policy, landedSystems),
  };
}
