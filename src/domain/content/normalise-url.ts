/**
 * Query parameters that only say how someone arrived, never which page: Google Analytics'
 * utm_* (by prefix), ad click ids, and the tracking tokens email tools append.
 */
export const TRACKING_PARAMETERS: readonly string[] = [
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok', '_ga', '_gl',
  'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id', 'wickedid', 'sc_cid', 'cmpid', 'trk', 'trkcampaign',
];
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_'];

/** Query parameters of redirect and click-tracking links that carry the real target. */
const REDIRECT_PARAMETERS = ['url', 'u', 'redirect', 'redirect_url', 'target', 'dest', 'destination', 'q'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PREFIXES.some((p) => n.startsWith(p)) || TRACKING_PARAMETERS.includes(n);
}

/** The first http(s) URL in a text (a CRM description may say "sent https://…, see you Tuesday"). */
export function firstUrl(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/\s/.test(trimmed) && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && /^[^/\s]+\.[a-z]{2,}(\/|$)/i.test(trimmed)) return `https://${trimmed}`;
  const m = /\bhttps?:\/\/[^\s<>"')\]]+/i.exec(trimmed);
  // A sentence's full stop or comma is not part of the URL.
  return m ? m[0].replace(/[.,;:!?]+$/, '') : null;
}

/**
 * A URL reduced to what identifies the page: no scheme, host in lower case without `www.` and
 * default port, no trailing slash, no fragment, no tracking parameters, the other parameters
 * sorted. Null when the text holds no http(s) URL.
 */
export function normaliseUrl(raw: string): string | null {
  const text = firstUrl(raw);
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\d*\./, '').replace(/\.$/, '');
  const port = url.port === '' || url.port === '80' || url.port === '443' ? '' : `:${url.port}`;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/index\.html?$/i, '');
  const kept = [...url.searchParams.entries()].filter(([k]) => !isTracking(k)).sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return `${host}${port}${path}${query}`;
}

/** The target of a redirect or click-tracking link (`…/redirect?url=https%3A…`), normalised; null when it carries none. */
export function redirectTarget(raw: string): string | null {
  const text = firstUrl(raw);
  if (text === null) return null;
  try {
    const url = new URL(text);
    for (const name of REDIRECT_PARAMETERS) {
      const value = url.searchParams.get(name);
      if (value && /^https?:\/\//i.test(value)) return normaliseUrl(value);
    }
  } catch {
    return null;
  }
  return null;
}
