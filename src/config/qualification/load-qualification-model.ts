import { createHash } from 'node:crypto';
import type { QualificationModel } from '../../domain/qualification/qualification-model.js';
import type { Rule } from '../../domain/qualification/rule.js';
import { readTextFile } from '../load-funnel-model.js';
import { parseValidatedYaml } from '../validated-yaml.js';
import { countsEach, qualificationModelSchema } from './qualification-model-schema.js';
import type { QualificationModelFile } from './qualification-model-schema.js';

type RuleFile = QualificationModelFile['profile']['rules'][number];

function toRule(r: RuleFile, section: 'profile' | 'engagement'): Rule {
  return Object.freeze({
    name: r.name,
    when: r.when,
    points: r.points,
    mode: section === 'engagement' && countsEach(r.when) ? 'each' : 'once',
    max: r.max ?? null,
    halfLifeDays: r.halfLifeDays ?? null,
  });
}

/** The version of a model's text: its id and a hash of the exact content. */
export function qualificationVersion(id: string, text: string): string {
  return `${id}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

/**
 * Validates a qualification model's YAML. Without thresholds, MQL needs grade C on fit and in
 * total (a profile-only file then qualifies people by grade).
 */
export function parseQualificationModel(text: string, file: string): QualificationModel {
  const m = parseValidatedYaml(text, qualificationModelSchema, file);
  const grades = m.profile.grades;
  return Object.freeze({
    id: m.id,
    version: qualificationVersion(m.id, text),
    profile: Object.freeze({ rules: m.profile.rules.map((r) => toRule(r, 'profile')), grades }),
    engagement: Object.freeze({ rules: m.engagement.rules.map((r) => toRule(r, 'engagement')) }),
    thresholds: m.thresholds ?? { mql: { fit: grades.C, total: grades.C } },
  });
}

export function loadQualificationModel(file: string): { model: QualificationModel; text: string } {
  const text = readTextFile(file);
  return { model: parseQualificationModel(text, file), text };
}
