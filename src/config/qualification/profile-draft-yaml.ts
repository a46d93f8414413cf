import { Document, isMap, isSeq } from 'yaml';
import type { DraftRule } from '../../domain/qualification/profile-draft.js';

export interface ProfileDraft {
  readonly id: string;
  readonly description: string;
  readonly header: readonly string[];
  readonly rules: readonly DraftRule[];
  readonly grades: { readonly A: number; readonly B: number; readonly C: number };
}

/**
 * A draft profile as YAML a person edits: each rule with the evidence behind it as a comment,
 * grades at the quartiles of the training scores, and MQL at grade C.
 */
export function profileDraftYaml(draft: ProfileDraft): string {
  const doc = new Document({
    id: draft.id,
    description: draft.description,
    profile: {
      rules: draft.rules.map((r) => ({ name: r.name, when: r.when, points: r.points })),
      grades: draft.grades,
    },
    thresholds: { mql: { fit: draft.grades.C, total: draft.grades.C } },
  });
  doc.commentBefore = draft.header.map((l) => ` ${l}`).join('\n');
  const rules = doc.getIn(['profile', 'rules'], true);
  if (isSeq(rules)) {
    rules.items.forEach((item, i) => {
      if (isMap(item)) {
        item.commentBefore = ` ${draft.rules[i]!.evidence}`;
        const when = item.get('when', true);
        if (isMap(when)) when.flow = true;
      }
    });
  }
  const grades = doc.getIn(['profile', 'grades'], true);
  if (isMap(grades)) {
    grades.flow = true;
    grades.comment = ' minimum fit per grade (quartiles of the training scores); below C is D';
  }
  return doc.toString({ lineWidth: 0 });
}
