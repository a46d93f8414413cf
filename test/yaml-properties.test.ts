/**
 * Property-based tests of the YAML a user writes: mapping files and the funnel model. Random
 * and malformed text never crashes or hangs; it is accepted, or refused with a TandemError that
 * names the file and the line or field.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel } from '../src/config/load-funnel-model.js';
import { TandemError } from '../src/domain/errors.js';
import type { ErrorCode } from '../src/domain/errors.js';
import { parseMapping, PRESETS_DIR } from '../src/importers/load-mapping.js';

const presetTexts = readdirSync(PRESETS_DIR).flatMap((d) =>
  readdirSync(join(PRESETS_DIR, d)).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(PRESETS_DIR, d, f), 'utf8')),
);
const modelText = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8');

/** What a careless edit does to a YAML file: characters and lines inserted, deleted, re-indented. */
const edit = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'replace', 'dup-line', 'drop-line', 'indent', 'dedent'),
  text: fc.constantFrom(':', ': ', '-', '- ', ' ', '  ', '\n', '\t', '"', "'", '{', '}', '[', ']', ',', '#', '&a ', '*a', '!!binary ', '!!int ', '? ', '|', '>', '~', 'null', '0', '-1', '1e999', 'yes', 'x', 'مرحلة', '\uFEFF', '\u0000'),
});

function applyEdits(base: string, edits: readonly { at: number; op: string; text: string }[]): string {
  let s = base;
  for (const e of edits) {
    const at = s.length === 0 ? 0 : e.at % s.length;
    const lineStart = s.lastIndexOf('\n', at - 1) + 1;
    const lineEnd = s.indexOf('\n', at) === -1 ? s.length : s.indexOf('\n', at) + 1;
    switch (e.op) {
      case 'insert': s = s.slice(0, at) + e.text + s.slice(at); break;
      case 'delete': s = s.slice(0, at) + s.slice(at + 1); break;
      case 'replace': s = s.slice(0, at) + e.text + s.slice(at + e.text.length); break;
      case 'dup-line': s = s.slice(0, lineEnd) + s.slice(lineStart, lineEnd) + s.slice(lineEnd); break;
      case 'drop-line': s = s.slice(0, lineStart) + s.slice(lineEnd); break;
      case 'indent': s = `${s.slice(0, lineStart)}  ${s.slice(lineStart)}`; break;
      case 'dedent': s = s.slice(0, lineStart) + s.slice(lineStart).replace(/^ {1,2}/, ''); break;
    }
  }
  return s;
}

const mutated = (bases: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([b, e]) => applyEdits(b, e));
/** Any YAML value at all, and YAML that merely looks like the right shape. */
const anyYaml = fc.jsonValue().map((v) => stringify(v));
const aliasBomb = fc.integer({ min: 2, max: 9 }).map((k) =>
  ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: k }, (_, i) => `l${i}: &l${i} [${Array(9).fill(i === 0 ? '*a' : `*l${i - 1}`).join(', ')}]`)].join('\n'),
);

function expectAcceptedOrPlaced(parse: (text: string, file: string) => unknown, code: ErrorCode, text: string): void {
  const file = 'edited.yaml';
  try {
    parse(text, file);
  } catch (e) {
    if (!(e instanceof TandemError)) throw new Error(`not a TandemError for ${JSON.stringify(text.slice(0, 200))}: ${String(e)}`);
    expect(e.code).toBe(code);
    expect(e.place.file).toBe(file);
    expect(e.place.line !== undefined || e.place.field !== undefined).toBe(true);
    expect(e.message).toContain(file);
  }
}

describe.each([
  ['mapping files', parseMapping, 'MAPPING_INVALID', presetTexts],
  ['the funnel model', parseFunnelModel, 'CONFIG_INVALID', [modelText]],
] as const)('%s', (_name, parse, code, bases) => {
  it('edited by hand at random: accepted, or an error naming file and line or field', () => {
    fc.assert(fc.property(mutated(bases), (text) => expectAcceptedOrPlaced(parse, code, text)), { numRuns: 400 });
  });

  it('any YAML value: the same', () => {
    fc.assert(fc.property(anyYaml, (text) => expectAcceptedOrPlaced(parse, code, text)), { numRuns: 200 });
  });

  it('arbitrary text: the same', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => expectAcceptedOrPlaced(parse, code, text)), { numRuns: 200 });
  });

  it('an alias bomb is refused quickly, not expanded', () => {
    fc.assert(
      fc.property(aliasBomb, (text) => {
        const started = Date.now();
        expectAcceptedOrPlaced(parse, code, text);
        expect(Date.now() - started).toBeLessThan(2000);
      }),
      { numRuns: 8 },
    );
  });
});
