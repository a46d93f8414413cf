import type { QualificationModel } from './qualification-model.js';
import type { Condition } from './rule.js';

function collect(c: Condition, out: Set<string>): void {
  switch (c.kind) {
    case 'field':
      out.add(c.field);
      return;
    case 'activity':
      return; // a `where` names the activity's fields, not the person's
    case 'all':
    case 'any':
      for (const x of c.of) collect(x, out);
      return;
    case 'not':
      collect(c.of, out);
      return;
    default: {
      const never: never = c;
      throw new Error(`unknown condition ${String(never)}`);
    }
  }
}

/** The person and account fields a model's rules read, to warn about names no person carries. */
export function fieldsRead(model: QualificationModel): string[] {
  const out = new Set<string>();
  for (const r of [...model.profile.rules, ...model.engagement.rules]) collect(r.when, out);
  return [...out];
}
