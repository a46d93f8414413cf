import { useEffect, useState } from 'preact/hooks';

export type Load<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: T };

/** Runs a request whenever its key changes; the older one is aborted so a slow answer never wins. */
export function useApi<T>(key: string, run: (signal: AbortSignal) => Promise<T>): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setLoad({ state: 'loading' });
    run(abort.signal).then(
      (data) => abort.signal.aborted || setLoad({ state: 'ready', data }),
      (error: Error) => abort.signal.aborted || setLoad({ state: 'error', error }),
    );
    return () => abort.abort();
  }, [key, attempt]);
  return [load, () => setAttempt((n) => n + 1)];
}
