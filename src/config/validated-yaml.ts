import { LineCounter, parseDocument, isNode, visit } from 'yaml';
import type { z } from 'zod';
import { TandemError } from '../domain/errors.js';
import type { ErrorCode } from '../domain/errors.js';

/**
 * Parses YAML text and validates it with a zod schema. Every problem names the file,
 * the line and the field (a dotted path), so a user can go straight to it.
 */
export function parseValidatedYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  file: string,
  code: ErrorCode = 'CONFIG_INVALID',
): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const line = e.linePos?.[0]?.line;
      return `${file}${line ? `:${line}` : ''}: ${e.message.split('\n')[0]}`;
    });
    throw new TandemError(code, `${file} is not valid YAML:\n  ${problems.join('\n  ')}`, {
      place: { file, line: doc.errors[0]?.linePos?.[0]?.line },
      problems,
    });
  }
  const result = schema.safeParse(toJs(doc, file, code, lineCounter));
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const line = lineOf(doc, path, lineCounter);
    const field = path.join('.') || '(top level)';
    return { line, field, text: `${file}${line ? `:${line}` : ''}: field ${field}: ${issue.message}` };
  });
  throw new TandemError(code, `${file} is invalid:\n  ${problems.map((p) => p.text).join('\n  ')}`, {
    place: { file, line: problems[0]?.line, field: problems[0]?.field },
    problems: problems.map((p) => p.text),
  });
}

/** The line of the deepest node that exists along the path (the parent when a key is missing). */
function lineOf(doc: ReturnType<typeof parseDocument>, path: string[], lineCounter: LineCounter): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const keys = path.slice(0, n).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = n === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * The document as plain data. The yaml library throws (not reports) for an alias without its
 * anchor and for an alias bomb ("billion laughs"); both become errors naming the first alias.
 */
function toJs(doc: ReturnType<typeof parseDocument>, file: string, code: ErrorCode, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    let line: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
        return visit.BREAK;
      },
    });
    const text = `${file}${line ? `:${line}` : ''}: ${(e as Error).message}`;
    throw new TandemError(code, `${file} is not valid YAML:\n  ${text}`, { place: { file, line }, problems: [text] });
  }
}
