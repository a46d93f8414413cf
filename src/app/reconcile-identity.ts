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

type Pair = { persons: [PersonLabel, PersonLabel]; reasons: Set<NearMatchReason>; records: SourceRecordRow[] };

/**
 * Pairs of persons that may be one human but were not merged: their emails differ only by case,
 * dots or a +tag; or they share a name and company while no system knows both (two persons of
 * one system with one name at one company are that system's own business: often two people).
 */
async function nearMatches(store: ReconcileStore): Promise<NearMatch[]> {
  const pairs = new Map<string, Pair>();
  for (const key of ['email', 'name'] as const) {
    for (const g of await store.nearMatchGroups(key)) {
      const recordsOf = (p: PersonLabel): SourceRecordRow[] => g.records.filter((r) => r.personId === p.personId);
      for (const a of g.persons) {
        for (const b of g.persons) {
          if (a.personId >= b.personId) continue;
          const ra = recordsOf(a);
          const rb = recordsOf(b);
          const reasons = new Set<NearMatchReason>();
          if (key === 'name') {
            if (ra.some((x) => rb.some((y) => x.source === y.source))) continue;
            reasons.add('name-and-company');
          } else {
            for (const x of ra) for (const y of rb) if (x.email && y.email) emailDifferences(x.email, y.email).forEach((d) => reasons.add(d));
          }
          if (reasons.size === 0) continue;
          const id = `${a.personId} ${b.personId}`;
          const pair = pairs.get(id) ?? { persons: [a, b], reasons: new Set(), records: [] };
          reasons.forEach((r) => pair.reasons.add(r));
          for (const r of [...ra, ...rb]) if (!pair.records.some((x) => x.source === r.source && x.recordKey === r.recordKey)) pair.records.push(r);
          pairs.set(id, pair);
        }
      }
    }
  }
  return [...pairs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, p]) => ({
      reasons: NEAR_MATCH_REASONS.filter((r) => p.reasons.has(r)),
      persons: p.persons.map((person) => ({ ...personRef(person), records: p.records.filter((r) => r.personId === person.personId).map(recordRef) })),
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
