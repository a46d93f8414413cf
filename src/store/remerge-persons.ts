import type { Kysely } from 'kysely';
import type { PrecedencePolicy } from '../domain/precedence.js';
import type { InsertMany } from './dialects/bulk-insert.js';
import { mergeBySourcePrecedence } from './person-sources.js';
import type { Database } from './schema.js';

/** The persons columns precedence decides. */
const MERGED_COLUMNS = ['email', 'first_name', 'last_name', 'company', 'owner', 'source', 'country', 'industry', 'title', 'do_not_call', 'do_not_email', 'attributes'] as const;

/**
 * Re-merges every person described by more than one record under this policy, page by page
 * (each page one transaction): what a changed `precedence` section needs before replay.
 * Returns how many persons changed.
 */
export async function remergePersons(db: Kysely<Database>, policy: PrecedencePolicy, insertMany: InsertMany, page = 500): Promise<number> {
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    let q = db.selectFrom('person_sources').select('person_id').where('person_id', 'is not', null).groupBy('person_id').having((eb) => eb.fn.countAll(), '>', 1).orderBy('person_id').limit(page);
    if (after !== null) q = q.where('person_id', '>', after);
    const ids = (await q.execute()).map((r) => r.person_id!);
    if (ids.length === 0) return changed;
    changed += await db.transaction().execute(async (trx) => {
      const before = new Map((await trx.selectFrom('persons').selectAll().where('id', 'in', ids).execute()).map((p) => [p.id, p]));
      const persons = new Map(before);
      await mergeBySourcePrecedence(trx, [], persons, policy, '', insertMany);
      const rows = [...persons.values()].filter((p) => MERGED_COLUMNS.some((c) => p[c] !== before.get(p.id)![c]));
      await insertMany(trx, 'persons', rows, { columns: ['id'], update: MERGED_COLUMNS });
      return rows.length;
    });
    after = ids[ids.length - 1]!;
  }
}

