/** PostgreSQL errors a retry of the same transaction resolves: deadlock, serialization, a racing insert of the same unique key. */
const TRANSIENT_PG = new Set(['40P01', '40001', '23505']);

function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (TRANSIENT_PG.has(code) || code === 'SQLITE_BUSY');
}

/**
 * Runs a transaction again when it lost a race with another writer (another server on the
 * same database). Each attempt is a whole transaction, and every write is idempotent.
 */
export async function retryTransient<T>(run: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      if (i >= attempts || !isTransient(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * i));
    }
  }
}
