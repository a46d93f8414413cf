/** How `landInOrder` lands the items of a stream. */
export interface OrderedLanding<T, R> {
  /** Items in flight at once, at most (1: each waits for the one before). */
  readonly limit: number;
  /** Whether an item may be in flight beside others that are also independent. */
  independent(item: T): boolean;
  land(item: T): Promise<R>;
  /** Called with each item's result, in the items' order, one at a time. */
  settle(item: T, result: R): Promise<void>;
}

/**
 * Lands each item of `items` as it comes, up to `limit` at once while every item in flight is
 * independent; an item that is not waits until every item before it has settled, and every item
 * after it waits for it. Results are settled in order. If a landing or a settle fails, the items
 * still in flight are waited for (nothing runs on behind the caller's back) and the first error is
 * thrown; items after it are not started.
 */
export async function landInOrder<T, R>(items: AsyncIterable<T>, how: OrderedLanding<T, R>): Promise<void> {
  const limit = Math.max(1, how.limit);
  const flights: { item: T; result: Promise<R>; independent: boolean }[] = [];
  const settleFirst = async (): Promise<void> => {
    const flight = flights.shift()!;
    await how.settle(flight.item, await flight.result);
  };
  try {
    for await (const item of items) {
      const independent = limit > 1 && how.independent(item);
      while (flights.length > 0 && (!independent || flights.length >= limit || flights.some((f) => !f.independent))) await settleFirst();
      const result = how.land(item);
      // Awaited in order by settleFirst, or in the finally below: never an unhandled rejection.
      result.catch(() => undefined);
      flights.push({ item, result, independent });
    }
    while (flights.length > 0) await settleFirst();
  } finally {
    await Promise.allSettled(flights.map((f) => f.result));
  }
}
