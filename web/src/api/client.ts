import { ENDPOINTS } from './endpoints.js';
import type { EndpointName } from './endpoints.js';

/** The API's one error shape, plus what the dashboard knows about the failure. */
export class ApiError extends Error {
  /** A route this server does not have (an older server), as opposed to a missing thing. */
  get noSuchRoute(): boolean {
    return this.status === 404 && this.message.startsWith('no route');
  }

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'tandem.token';

/** The token lives in this tab's session only: closing the tab signs out. */
export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

type Query = Record<string, string | number | null | undefined>;

/** Calls one named endpoint: path parameters filled in, the rest as the query string. */
export async function call<T>(name: EndpointName, args: { path?: Record<string, string>; query?: Query; body?: unknown; token?: string; signal?: AbortSignal } = {}): Promise<T> {
  const [method, template] = ENDPOINTS[name];
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(args.path?.[key] ?? ''));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) if (v !== null && v !== undefined && v !== '') qs.set(k, String(v));
  const token = args.token ?? session.token();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (args.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${path}${qs.size ? `?${qs}` : ''}`, { method, headers, signal: args.signal, ...(args.body !== undefined ? { body: JSON.stringify(args.body) } : {}) });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    // The API's error shape: { error: { code, message, details? } }.
    const body = ((json as { error?: unknown } | null)?.error ?? {}) as { code?: string; message?: string };
    throw new ApiError(response.status, body.code ?? String(response.status), body.message ?? response.statusText);
  }
  return json as T;
}

