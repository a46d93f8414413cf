import type { RawBuilder } from 'kysely';
import type { InsertMany } from './bulk-insert.js';

/** The few things that differ between databases, chosen once when the store opens. */
export interface DialectHelpers {
  readonly name: 'sqlite' | 'postgres';
  /** Text value of a top-level key of a JSON text column. */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /** Interpolated percentile (0..1) of a numeric expression, as an aggregate. */
  percentile(expression: string, fraction: number): RawBuilder<number | null>;
  /** Bulk insert (or upsert) inside the given transaction, the fastest way this database allows. */
  readonly insertMany: InsertMany;
}
