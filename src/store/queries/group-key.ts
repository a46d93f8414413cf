import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';

/** Person columns `--by` can name directly; anything else is looked up in the attributes kept from import. */
const PERSON_COLUMNS = new Set(['owner', 'source', 'country', 'industry', 'title', 'company', 'account_id', 'email']);

/** The SQL expression of a `--by` field on the persons table aliased `p`. Never interpolates the name as SQL. */
export function personFieldExpression(helpers: DialectHelpers, field: string | null): RawBuilder<string | null> {
  if (field === null) return sql<string | null>`null`;
  if (PERSON_COLUMNS.has(field)) return sql<string | null>`${sql.ref(`p.${field}`)}`;
  return helpers.jsonText('p.attributes', field);
}
