import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { FunnelUnit } from '../../domain/funnel-unit.js';
import type { DialectHelpers } from '../dialects/dialect-helpers.js';

/** Person columns `--by` can name directly; anything else is looked up in the attributes kept from import. */
const PERSON_COLUMNS = new Set(['owner', 'source', 'country', 'industry', 'title', 'company', 'account_id', 'email']);
/** Account columns `--by` can name directly (with `--unit account`); others come from the account's attributes. */
const ACCOUNT_COLUMNS = new Set(['domain', 'name']);

/** The SQL expression of a `--by` field on the persons table aliased `p`. Never interpolates the name as SQL. */
export function personFieldExpression(helpers: DialectHelpers, field: string | null): RawBuilder<string | null> {
  return unitFieldExpression(helpers, 'person', field, 'p');
}

/** The SQL expression of a `--by` field on the persons (or accounts) table under the given alias. */
export function unitFieldExpression(helpers: DialectHelpers, unit: FunnelUnit, field: string | null, alias: string): RawBuilder<string | null> {
  if (field === null) return sql<string | null>`null`;
  const columns = unit === 'account' ? ACCOUNT_COLUMNS : PERSON_COLUMNS;
  if (columns.has(field)) return sql<string | null>`${sql.ref(`${alias}.${field}`)}`;
  return helpers.jsonText(`${alias}.attributes`, field);
}
