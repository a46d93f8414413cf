import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../../domain/errors.js';
import { loadQualificationModel, parseQualificationModel } from './load-qualification-model.js';

const EXAMPLE = fileURLToPath(new URL('../../../models/qualification.example.yaml', import.meta.url));

function refusal(text: string): TandemError {
  try {
    parseQualificationModel(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof TandemError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
}

describe('qualification model files', () => {
  it('loads the bundled example, versioned by content', () => {
    const { model, text } = loadQualificationModel(EXAMPLE);
    expect(model.id).toBe('revised-2025');
    expect(model.version).toMatch(/^revised-2025@[0-9a-f]{12}$/);
    expect(model.profile.rules).toHaveLength(3);
    expect(model.engagement.rules.map((r) => r.mode)).toEqual(['each', 'each', 'each', 'each']);
    expect(model.thresholds.mql).toEqual({ fit: 20, total: 50 });
    expect(parseQualificationModel(`${text}\n# edited\n`, 'x').version).not.toBe(model.version);
  });

  it('names the line, the field and the allowed keys of an unknown operator', () => {
    const e = refusal(['id: m', 'profile:', '  rules:', '    - name: industry', '      when: { field: industry, inn: [software] }', '      points: 10'].join('\n'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.place.line).toBe(5);
    expect(e.place.field).toBe('profile.rules.0.when.inn');
    expect(e.message).toContain('bad.yaml:5');
    expect(e.message).toContain('allowed: field, eq, neq, in, notIn, gt, gte, lt, lte, matches, ignoreCase, exists');
  });

  it('names the allowed activity types of a misspelt one', () => {
    const e = refusal(['id: m', 'profile: { rules: [] }', 'engagement:', '  rules:', '    - name: clicks', '      when: { activity: email_clik }', '      points: 5'].join('\n'));
    expect(e.place.line).toBe(6);
    expect(e.place.field).toBe('engagement.rules.0.when.activity');
    expect(e.message).toContain('email_click');
  });

  it('refuses a condition of no known kind, and decay on a rule that does not count activities', () => {
    const e = refusal(['id: m', 'profile:', '  rules:', '    - name: x', '      when: { feild: industry }', '      points: 1'].join('\n'));
    expect(e.message).toContain('a condition needs one of: field, activity, all, any, not');
    const d = refusal(['id: m', 'profile: { rules: [] }', 'engagement:', '  rules:', '    - name: x', '      when: { activity: email_click, count: 3 }', '      points: 1', '      halfLifeDays: 10'].join('\n'));
    expect(d.place.line).toBe(8);
    expect(d.message).toContain('halfLifeDays applies to a rule that counts each activity');
  });

  it('refuses grades that increase and duplicate rule names', () => {
    expect(refusal('id: m\nprofile:\n  grades: { A: 10, B: 40, C: 20 }\n').message).toContain('A ≥ B ≥ C');
    const text = ['id: m', 'profile:', '  rules:', '    - { name: x, when: { field: a, exists: true }, points: 1 }', '    - { name: x, when: { field: b, exists: true }, points: 1 }'].join('\n');
    expect(refusal(text).place.line).toBe(5);
  });

  it.each([
    ['(a+)+$', 'nested quantifiers'],
    ['^(\\d+)*$', 'nested quantifiers'],
    ['(a|aa)+$', 'alternatives'],
    ['(.*a){12}', 'nested quantifiers'],
    ['\\d*\\d*\\d*x', 'polynomial'],
    ['(x)\\1', 'back-references'],
  ])('refuses the catastrophic pattern %s, naming line and field', (pattern, why) => {
    const yamlPattern = JSON.stringify(pattern);
    const e = refusal(['id: m', 'profile:', '  rules:', '    - name: r', `      when: { field: title, matches: ${yamlPattern} }`, '      points: 1'].join('\n'));
    expect(e.place.line).toBe(5);
    expect(e.place.field).toBe('profile.rules.0.when.matches');
    expect(e.message).toContain(why);
  });

  it('accepts ordinary patterns', () => {
    const m = parseQualificationModel(['id: m', 'profile:', '  rules:', '    - { name: r, when: { field: title, matches: "^(vp|chief) ", ignoreCase: true }, points: 1 }'].join('\n'), 'ok.yaml');
    expect(m.profile.rules[0]!.when).toMatchObject({ kind: 'field', matches: { pattern: '^(vp|chief) ', ignoreCase: true } });
  });
});
