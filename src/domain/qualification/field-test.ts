import type { AttributeValue } from '../entities.js';
import { isAbsent, normText, toBoolean, toNumber } from './field-value.js';
import type { FieldTest, RuleValue } from './rule.js';

/** Regex input beyond this length is not read: a bound on the cost of any pattern. */
export const MAX_MATCH_INPUT = 1000;

function equals(v: AttributeValue | undefined, rule: RuleValue): boolean {
  if (isAbsent(v)) return false;
  if (typeof rule === 'number') return toNumber(v) === rule;
  if (typeof rule === 'boolean' || typeof v === 'boolean') return toBoolean(v) === toBoolean(rule);
  return normText(v) === rule.trim().toLowerCase();
}

function compare(v: AttributeValue | undefined, rule: number | string): number | null {
  if (isAbsent(v)) return null;
  if (typeof rule === 'number') {
    const n = toNumber(v);
    return Number.isNaN(n) ? null : n - rule;
  }
  const s = String(v);
  return s < rule ? -1 : s > rule ? 1 : 0;
}

/**
 * Compiles a field test to a predicate on the value. Semantics (the SQL compiler follows them):
 * text compares trimmed and case-insensitively; a number in the rule compares numerically;
 * an absent value (null, blank) satisfies only `neq`, `notIn` and `exists: false`.
 */
export function compileFieldTest(test: FieldTest): (v: AttributeValue | undefined) => boolean {
  const checks: ((v: AttributeValue | undefined) => boolean)[] = [];
  if (test.exists !== undefined) {
    const want = test.exists;
    checks.push((v) => !isAbsent(v) === want);
  }
  if (test.eq !== undefined) {
    const r = test.eq;
    checks.push((v) => equals(v, r));
  }
  if (test.neq !== undefined) {
    const r = test.neq;
    checks.push((v) => !equals(v, r));
  }
  if (test.in !== undefined) {
    const rs = test.in;
    checks.push((v) => rs.some((r) => equals(v, r)));
  }
  if (test.notIn !== undefined) {
    const rs = test.notIn;
    checks.push((v) => !rs.some((r) => equals(v, r)));
  }
  const ordered: [number | string | undefined, (d: number) => boolean][] = [
    [test.gt, (d) => d > 0],
    [test.gte, (d) => d >= 0],
    [test.lt, (d) => d < 0],
    [test.lte, (d) => d <= 0],
  ];
  for (const [r, ok] of ordered) {
    if (r === undefined) continue;
    checks.push((v) => {
      const d = compare(v, r);
      return d !== null && ok(d);
    });
  }
  if (test.matches !== undefined) {
    const re = new RegExp(test.matches.pattern, test.matches.ignoreCase ? 'i' : '');
    checks.push((v) => !isAbsent(v) && re.test(String(v).slice(0, MAX_MATCH_INPUT)));
  }
  if (checks.length === 1) return checks[0]!;
  return (v) => checks.every((c) => c(v));
}
