import type { CompiledQuery, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { InsertArrays, InsertMany } from './bulk-insert.js';

/** The few things that differ between databases, chosen once when the store opens. */
export interface DialectHelpers {
  readonly name: 'sqlite' | 'postgres';
  /** Text value of a top-level key of a JSON text column. */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /** Interpolated percentile (0..1) of a numeric expression, as an aggregate. */
  percentile(expression: string | RawBuilder<unknown>, fraction: number): RawBuilder<number | null>;
  /** Text values of a group joined by a separator (in the given order, if any: ordering costs a sort per group), as an aggregate. */
  orderedConcat(expression: RawBuilder<string>, separator: string, orderBy?: RawBuilder<unknown>): RawBuilder<string | null>;
  /** Days since 1970-01-01 (fractional) of an ISO-8601 UTC text expression: differences give durations. */
  epochDays(isoText: RawBuilder<unknown>): RawBuilder<number | null>;
  /** An ISO-8601 UTC text time (ms precision, `Z`) moved by a number of days, in the same text form. */
  isoPlusDays(expression: RawBuilder<string>, days: number): RawBuilder<string>;
  /**
   * The expression, for a filter the planner must answer by reading the table rather than an
   * index: one that keeps most rows (an index then costs a random table lookup per row).
   */
  scanned(expression: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * Locks the selected rows for this transaction, skipping rows another transaction holds,
   * so concurrent workers each take different rows (PostgreSQL `for update skip locked`;
   * SQLite has one writer at a time, so the plain select is already exclusive).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any select of our schema
  skipLocked<Q extends SelectQueryBuilder<any, any, any>>(query: Q): Q;
  /**
   * How long a bulk import may hold one transaction over several batches (rows, milliseconds),
   * where commits are dear; null where each batch commits on its own (PostgreSQL: a commit is one
   * WAL flush, and long transactions would hold other servers' ingests up on row locks).
   */
  readonly bulkCommit: { readonly rows: number; readonly ms: number } | null;
  /**
   * How many independent batches of a bulk import may be in flight at once, each on its own
   * connection (`ImportStore.concurrentBatches`): 1 where one connection writes at a time (SQLite).
   */
  readonly bulkBatchesInFlight: number;
  /** Bulk insert (or upsert) inside the given transaction, the fastest way this database allows. */
  readonly insertMany: InsertMany;
  /** Plain inserts of rows as value arrays (no conflict handling), the fastest way this database allows. */
  readonly insertArrays: InsertArrays;
  /**
   * Runs a compiled select on this connection (or the transaction `db` is) and returns its rows
   * as arrays of values in select order: no object per row, for reads of millions of rows.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query of our schema
  selectArrays(db: Kysely<any>, query: CompiledQuery): Promise<unknown[][]>;
  /**
   * The secondary indexes of a table a bulk rewrite may drop and build again afterwards (one
   * sort each instead of an insert per row), with the statement that builds each; none where
   * dropping them would hold up other connections.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of our schema
  suspendableIndexes(db: Kysely<any>, table: string): Promise<{ name: string; definition: string }[]>;
  /**
   * Brings the planner's statistics of these tables up to date where they grew much since they
   * were last gathered (by a fifth; an empty table after 80 KiB); null where the planner keeps
   * none that go stale (SQLite without `analyze` prefers the indexes). An import reads back the
   * tables it grows (identities, persons): planned on the statistics of an empty table, each
   * lookup scanned every identity of the source (docs/performance.md, fifth round).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of our schema
  readonly refreshStatistics: ((db: Kysely<any>, tables: readonly string[]) => Promise<void>) | null;
  /**
   * Shrinks this connection's page cache to at most `mib` MiB (releasing the pages cached beyond)
   * and returns what puts the former size back; null where the database's memory is not this
   * process's (PostgreSQL). A full replay writes every timeline in key order, which needs few
   * cached pages: SQLite's 256 MiB, filled by an import before it, were a quarter of its peak.
   */
  readonly narrowPageCache: ((mib: number) => Promise<() => Promise<void>>) | null;
}
