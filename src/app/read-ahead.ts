/**
 * Yields what `source` yields, asking it for the next item as soon as one is handed out: the next
 * chunk of a file is read and mapped while the caller lands the previous one (on PostgreSQL the
 * database works in its own process meanwhile). One item is held ahead at most. An error of the
 * item ahead surfaces when the caller asks for it, in order; if the caller stops early, the
 * source is closed once the item in flight is done.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const ask = (): Promise<IteratorResult<T>> => {
    const next = it.next();
    // Awaited below, or dropped when the caller stopped: never an unhandled rejection.
    next.catch(() => undefined);
    return next;
  };
  let pending = ask();
  let finished = false;
  try {
    for (;;) {
      const r = await pending;
      if (r.done) {
        finished = true;
        return;
      }
      pending = ask();
      yield r.value;
    }
  } finally {
    if (!finished) {
      await pending.catch(() => undefined);
      await it.return?.(undefined);
    }
  }
}
