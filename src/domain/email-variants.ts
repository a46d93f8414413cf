import { normaliseEmail } from './normalise.js';

/** How two spellings of an email differ when Tandem treats them as near-matches or as one. */
export const EMAIL_DIFFERENCES = ['case', 'spacing', 'dots', 'plus-tag'] as const;
export type EmailDifference = (typeof EMAIL_DIFFERENCES)[number];

function split(email: string): { local: string; domain: string } {
  const at = email.lastIndexOf('@');
  return { local: email.slice(0, at), domain: email.slice(at + 1) };
}

function untagged(local: string): string {
  const plus = local.indexOf('+');
  return plus >= 0 ? local.slice(0, plus) : local;
}

/**
 * A looser key than the normalised email: without a `+tag` and without dots in the local part.
 * Two persons with the same loose key but different normalised emails are a near-match: maybe
 * one human, maybe not (dots matter outside Gmail), so they are reported, never merged.
 */
export function looseEmailKey(email: string | null | undefined): string | null {
  const n = normaliseEmail(email);
  if (!n) return null;
  const { local, domain } = split(n);
  return `${untagged(local).replace(/\./g, '')}@${domain}`;
}

/** The ways two spellings of an email differ (empty when identical). */
export function emailDifferences(a: string, b: string): EmailDifference[] {
  const out: EmailDifference[] = [];
  const ta = a.normalize('NFKC').trim();
  const tb = b.normalize('NFKC').trim();
  // Surrounding spaces or Unicode compatibility forms (e.g. full-width letters) on either side.
  if (a !== b && (ta !== a || tb !== b)) out.push('spacing');
  const la = split(ta.toLowerCase());
  const lb = split(tb.toLowerCase());
  const tagA = la.local.slice(untagged(la.local).length);
  const tagB = lb.local.slice(untagged(lb.local).length);
  if (tagA !== tagB) out.push('plus-tag');
  if (untagged(la.local) !== untagged(lb.local) && untagged(la.local).replace(/\./g, '') === untagged(lb.local).replace(/\./g, '')) out.push('dots');
  // Case: the same letters once tags and dots are set aside, but not the same characters.
  const shape = (t: string): string => {
    const { local, domain } = split(t);
    return `${untagged(local).replace(/\./g, '')}@${domain}`;
  };
  if (shape(ta) !== shape(tb) && shape(ta).toLowerCase() === shape(tb).toLowerCase()) out.push('case');
  return EMAIL_DIFFERENCES.filter((d) => out.includes(d));
}

/**
 * Name and company as one key for spotting the same human under two emails: lower-case,
 * Unicode-normalised, punctuation dropped (Arabic and other scripts kept). Null unless a
 * name and a company are both known.
 */
export function nameCompanyKey(firstName: string | null, lastName: string | null, company: string | null): string | null {
  const clean = (s: string | null): string =>
    (s ?? '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const name = clean(`${firstName ?? ''} ${lastName ?? ''}`);
  const org = clean(company);
  return name && org ? `${name}|${org}` : null;
}
