/**
 * A cell that a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading
 * apostrophe, so an exported report can never execute code (CSV injection). Numbers stay numbers.
 */
export function csvSafe(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
