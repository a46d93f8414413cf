/**
 * Identical requests that arrive while one is being answered share its answer: a dashboard
 * refreshed by many people at once costs one report, not one each. Nothing is kept after
 * the answer is sent, so no figure is ever older than the request that asked for it.
 */
export function singleFlight<T>(): (key: string, compute: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key, compute) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = compute().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
