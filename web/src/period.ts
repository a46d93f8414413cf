/**
 * The period names the server understands (2024, 2024-Q2, 2024-05, FROM..TO), as the first and
 * last day they cover, for routes that take from/to. Null when the text is not a period.
 */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function side(text: string): DayRange | null {
  let m = /^(\d{4})$/.exec(text);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-?Q([1-4])$/i.exec(text);
  if (m) {
    const y = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${lastDay(y, first + 2)}` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${lastDay(Number(m[1]), Number(m[2]))}` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return { from: text, to: text };
  return null;
}

export function parsePeriod(text: string): DayRange | null {
  const value = text.trim();
  if (value === '') return null;
  const parts = value.split('..');
  if (parts.length === 2) {
    const a = side(parts[0]!.trim());
    const b = side(parts[1]!.trim());
    return a && b && a.from <= b.to ? { from: a.from, to: b.to } : null;
  }
  return parts.length === 1 ? side(value) : null;
}

/** Suggestions for a period field: the years, quarters and halves of the years given. */
export function periodSuggestions(years: readonly number[]): string[] {
  const out: string[] = [];
  for (const y of years) {
    out.push(String(y), `${y}-01-01..${y}-06-30`, `${y}-07-01..${y}-12-31`);
    for (let q = 1; q <= 4; q++) out.push(`${y}-Q${q}`);
  }
  return out;
}
