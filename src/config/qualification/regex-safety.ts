/// <reference types="@eslint-community/regexpp" />
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { AST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';

/** Longest pattern a rule may use: rules name values, they are not programs. */
export const MAX_PATTERN_LENGTH = 200;

function repeats(q: AST.Quantifier): boolean {
  return q.max > 1;
}

/** Whether a repeated element holds something that can match in more than one way per repetition. */
function ambiguousInside(q: AST.Quantifier): string | null {
  let found: string | null = null;
  visitRegExpAST(q.element as unknown as AST.Pattern, {
    onQuantifierEnter(inner) {
      if (found === null && repeats(inner)) found = `a repeated part "${q.raw}" holds another repetition "${inner.raw}" (nested quantifiers)`;
    },
    onAlternativeEnter(alt) {
      const parent = alt.parent;
      if (found === null && (parent.type === 'Group' || parent.type === 'CapturingGroup') && parent.alternatives.length > 1) {
        found = `a repeated part "${q.raw}" holds alternatives (write them without repeating the group)`;
      }
    },
  });
  return found;
}

/**
 * Why a `matches` pattern is refused, or null when it is safe. A pattern is refused when it
 * is invalid, uses a back-reference, nests repetitions, repeats alternatives, or when scslre
 * finds super-linear backtracking inside it (e.g. `\d*\d*x`). Together with the input cap of
 * the evaluator this bounds the time any rule can take.
 */
export function regexProblem(pattern: string, ignoreCase: boolean): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser().parsePattern(pattern, 0, pattern.length, { unicode: false });
    new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch (e) {
    return `"${pattern}" is not a valid regular expression: ${(e as Error).message}`;
  }
  let problem: string | null = null;
  visitRegExpAST(ast, {
    onBackreferenceEnter(b) {
      problem ??= `back-references ("${b.raw}") are not allowed`;
    },
    onQuantifierEnter(q) {
      if (problem === null && repeats(q)) problem = ambiguousInside(q);
    },
  });
  if (problem !== null) return `"${pattern}" could backtrack catastrophically: ${problem}`;
  const result = analyse({ source: pattern, flags: ignoreCase ? 'i' : '' }, { reportTypes: { Move: false, Self: true, Trade: true }, maxReports: 1 });
  const report = result.reports[0];
  if (report) {
    const kind = report.exponential ? 'exponential' : 'polynomial';
    return `"${pattern}" could backtrack catastrophically (${kind} time on input like "${report.character.pick.repeat(8)}…"); make the repeated parts unable to match the same text`;
  }
  return null;
}
