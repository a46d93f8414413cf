import type { Kysely } from 'kysely';
import type { AccountFacts } from '../../domain/qualification/field-value.js';
import { readJson } from '../json-column.js';
import type { Database } from '../schema.js';

/** The accounts of these ids, as rules read them (domain, name, attributes). */
export async function accountFacts(db: Kysely<Database>, accountIds: readonly (string | null)[]): Promise<Map<string, AccountFacts>> {
  const ids = [...new Set(accountIds.filter((x): x is string => x !== null))];
  const out = new Map<string, AccountFacts>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('accounts').select(['id', 'domain', 'name', 'attributes']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, { domain: r.domain, name: r.name, attributes: readJson(r.attributes) });
  }
  return out;
}

/** Attaches each person's account to their row. */
export async function withAccounts<T extends { readonly person: { readonly accountId: string | null } }>(
  db: Kysely<Database>,
  rows: readonly T[],
): Promise<(T & { account: AccountFacts | null })[]> {
  const ids = rows.map((r) => r.person.accountId);
  const accounts = ids.some((id) => id !== null) ? await accountFacts(db, ids) : new Map<string, AccountFacts>();
  return rows.map((r) => Object.assign(r, { account: r.person.accountId ? (accounts.get(r.person.accountId) ?? null) : null }));
}
