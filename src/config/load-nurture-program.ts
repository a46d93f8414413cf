import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { NurtureProgram } from '../domain/nurture-program.js';
import { readTextFile } from './load-funnel-model.js';
import { nurtureProgramSchema } from './nurture-program-schema.js';
import { parseValidatedYaml } from './validated-yaml.js';

/** The bundled "unreachable" program, in force until another one is adopted. */
export const DEFAULT_NURTURE_PROGRAM_PATH = fileURLToPath(new URL('../../models/nurture.unreachable.yaml', import.meta.url));

/** Validates a nurture program's YAML text; the version is `id@` the hash of its content. */
export function parseNurtureProgram(text: string, file: string): NurtureProgram {
  const p = parseValidatedYaml(text, nurtureProgramSchema, file);
  return Object.freeze({
    id: p.id,
    version: `${p.id}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`,
    name: p.name,
    enrollStage: p.enroll.stage,
    steps: p.steps.map((s) => Object.freeze({ id: s.id, subject: s.subject ?? '', body: s.body ?? '', content: s.content ?? null, waitDays: s.wait.days })),
    startAfterDays: p.startAfter.days,
    reengage: p.reengage.map((r) =>
      'activity' in r ? { kind: 'activity' as const, activity: r.activity } : { kind: 'score-rise' as const, points: r.scoreRise },
    ),
    score: p.score,
    exit: p.exit.map((e) => e.activity),
    handBackTo: p.handBack.to,
  });
}

export function loadNurtureProgram(file: string = DEFAULT_NURTURE_PROGRAM_PATH): NurtureProgram {
  return parseNurtureProgram(readTextFile(file), file);
}
