import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

/** Writes a small two-file export (persons + activities) with its mappings and manifest, for store-level tests. */
export async function writeGeneratedExports(dir: string, persons: number, activitiesPerPerson: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const p = createWriteStream(join(dir, 'persons.csv'));
  const a = createWriteStream(join(dir, 'activities.csv'));
  p.write('id,email,created,source\n');
  a.write('id,person,type,at,stage\n');
  const types = ['email_open', 'email_click', 'page_view', 'form_fill', 'stage_change'];
  const stages = ['mql', 'sal', 'sql', 'nurture', 'unreachable'];
  let n = 0;
  for (let i = 0; i < persons; i++) {
    const created = Date.UTC(2024, 0, 1) + (i % 365) * 86_400_000;
    if (!p.write(`P${i},person${i}@example${i % 97}.com,${new Date(created).toISOString()},src${i % 5}\n`)) await once(p, 'drain');
    for (let k = 0; k < activitiesPerPerson; k++) {
      const type = types[(i + k) % types.length]!;
      const stage = type === 'stage_change' ? stages[(i * 7 + k) % stages.length] : '';
      if (!a.write(`A${n++},P${i},${type},${new Date(created + (k + 1) * 3_600_000).toISOString()},${stage}\n`)) await once(a, 'drain');
    }
  }
  await Promise.all([new Promise((r) => p.end(r)), new Promise((r) => a.end(r))]);
  writeFileSync(
    join(dir, 'persons.yaml'),
    'entity: persons\nsystem: gen\nfields: { externalId: id, email: email, createdAt: created, source: source }\n',
  );
  writeFileSync(
    join(dir, 'activities.yaml'),
    'entity: activities\nsystem: gen\nfields: { externalId: id, personExternalId: person, type: type, occurredAt: at, stage: stage }\n',
  );
  writeFileSync(
    join(dir, 'manifest.yaml'),
    'files:\n  - { file: persons.csv, mapping: persons.yaml }\n  - { file: activities.csv, mapping: activities.yaml }\n',
  );
}
