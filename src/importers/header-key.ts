/**
 * A column name as mappings match it: NFKC, byte-order mark and surrounding spaces dropped, inner
 * white space collapsed, case folded, en/em dashes read as `-` (exports differ in all of these:
 * docs/import-formats.md). The original name is kept for messages.
 */
export function headerKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
