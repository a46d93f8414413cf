import { useEffect, useState } from 'preact/hooks';

/**
 * Routes live in the URL hash (`#/funnel?period=2024-Q2&source=Webinar`): a view with its
 * filters is a link anyone can open, and the server needs no fallback route for deep links.
 */
export interface Route {
  readonly path: string;
  readonly params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/funnel';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return { path: path.startsWith('/') ? path : `/${path}`, params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

export function href(path: string, params?: Record<string, string | null | undefined> | URLSearchParams): string {
  const p = params instanceof URLSearchParams ? params : new URLSearchParams(Object.entries(params ?? {}).filter((e): e is [string, string] => !!e[1]));
  const s = p.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Change some filters of the current view, keeping the others (an empty value removes one). */
export function setParams(updates: Record<string, string | null>): void {
  const { path, params } = parseHash(location.hash);
  for (const [k, v] of Object.entries(updates)) {
    if (v) params.set(k, v);
    else params.delete(k);
  }
  location.hash = href(path, params);
}
