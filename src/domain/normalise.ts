const PLAIN_ASCII = /^[!-~]+$/;

/** Email as a dedup key: Unicode-normalised (NFKC), trimmed, lower-cased. */
export function normaliseEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  // Printable ASCII without spaces (most addresses) is its own NFKC form and needs no trim.
  const n = (PLAIN_ASCII.test(email) ? email : email.normalize('NFKC').trim()).toLowerCase();
  return n.includes('@') ? n : null;
}

/** Account domain as a dedup key: lower-case host without scheme, `www.` or path. */
export function normaliseDomain(domain: string | null | undefined): string | null {
  if (!domain) return null;
  let d = domain.normalize('NFKC').trim().toLowerCase();
  d = d.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '');
  if (d.includes('@')) d = d.slice(d.lastIndexOf('@') + 1);
  return d.length > 0 ? d : null;
}
