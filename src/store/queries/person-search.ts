import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { PersonQuery, PersonRow, PersonSort } from '../../app/ports/person-store.js';
import { toPerson } from '../kysely-replay-store.js';
import type { Database } from '../schema.js';

/** Each allowed sort, as a column: a request names one of these, never SQL. */
const SORT_COLUMNS: Record<Exclude<PersonSort, `-${string}`>, string> = {
  name: 'p.last_name',
  created: 'p.created_at',
  email: 'p.email_norm',
  stage: 'j.current_stage',
};

/** `%`, `_` and the escape itself match literally in the free-text filter. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Persons matching the filters, with their current stage under the model version, one page. */
export async function personSearch(db: Kysely<Database>, query: PersonQuery): Promise<{ total: number; persons: PersonRow[] }> {
  let q = db
    .selectFrom('persons as p')
    .leftJoin('journeys as j', (join) => join.onRef('j.person_id', '=', 'p.id').on('j.model_version', '=', query.modelVersion));
  if (query.q) {
    const pattern = likePattern(query.q);
    const like = (column: string) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`;
    q = q.where((eb) => eb.or([like('p.email'), like('p.first_name'), like('p.last_name'), like('p.company')]));
  }
  if (query.stage) q = q.where('j.current_stage', '=', query.stage);
  if (query.owner) q = q.where('p.owner', '=', query.owner);
  if (query.source) q = q.where('p.source', '=', query.source);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const descending = query.sort.startsWith('-');
  const column = SORT_COLUMNS[query.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
  const rows = await q
    .selectAll('p')
    .select(['j.current_stage as current_stage', 'j.current_since as current_since'])
    .orderBy(sql.ref(column), descending ? 'desc' : 'asc')
    .orderBy('p.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(total.n),
    persons: rows.map((r) => ({ person: toPerson(r), currentStage: r.current_stage ?? null, currentSince: r.current_since ?? null })),
  };
}
