import { describe, expect, it } from 'vitest';
import { compileModel } from '../../domain/qualification/compiled-model.js';
import { prepare, scoreAt } from '../../domain/qualification/score.js';
import type { Person } from '../../domain/entities.js';
import { parseQualificationModel } from './load-qualification-model.js';
import { profileDraftYaml } from './profile-draft-yaml.js';

const person = (country: string, title: string): Person => ({
  id: 'p', email: null, firstName: 'سارة', lastName: null, company: null, accountId: null, owner: null, source: null, country,
  industry: null, title, createdAt: '2024-01-01T00:00:00.000Z', doNotCall: false, doNotEmail: false, attributes: {},
});

describe('draft profile YAML', () => {
  const text = profileDraftYaml({
    id: 'draft',
    description: 'Suggested',
    header: ['A draft.'],
    rules: [
      { name: 'country = مصر', when: { field: 'country', eq: 'مصر' }, points: 20, evidence: '40 of 50 reached the outcome' },
      { name: 'title missing', when: { field: 'title', exists: false }, points: -10, evidence: '2 of 90' },
    ],
    grades: { A: 20, B: 10, C: 0 },
  });

  it('is a valid model that keeps Arabic values and carries the evidence as comments', () => {
    expect(text).toContain('# 40 of 50 reached the outcome');
    expect(text).toContain('when: { field: country, eq: مصر }');
    const m = parseQualificationModel(text, 'draft.yaml');
    expect(m.thresholds.mql).toEqual({ fit: 0, total: 0 });
    const cm = compileModel(m);
    const score = (p: Person): number => scoreAt(cm, prepare(cm, { person: p, activities: [] }), Date.parse('2024-02-01')).fit;
    expect(score(person('مصر', 'مدير'))).toBe(20);
    expect(score(person('السعودية', ''))).toBe(-10);
  });

  it('matches Arabic text with a regular expression', () => {
    const m = parseQualificationModel(['id: ar', 'profile:', '  rules:', '    - { name: مدير, when: { field: title, matches: "^مدير" }, points: 5 }', ''].join('\n'), 'ar.yaml');
    const cm = compileModel(m);
    expect(scoreAt(cm, prepare(cm, { person: person('مصر', 'مدير المبيعات'), activities: [] }), Date.parse('2024-02-01')).hits).toEqual([{ section: 'profile', name: 'مدير', points: 5 }]);
  });
});
