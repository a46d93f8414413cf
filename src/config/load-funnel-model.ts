import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunnelModel } from '../domain/funnel-model.js';
import { TandemError } from '../domain/errors.js';
import { DEFAULT_PRECEDENCE } from '../domain/precedence.js';
import { funnelModelSchema } from './funnel-model-schema.js';
import { resolveSourcing } from './sourcing-schema.js';
import { parseValidatedYaml } from './validated-yaml.js';

/** Where the bundled default model lives (shipped with the package). */
export const DEFAULT_FUNNEL_MODEL_PATH = fileURLToPath(new URL('../../models/funnel.default.yaml', import.meta.url));

/** Validates a funnel model's YAML text; the version is the hash of its content. */
export function parseFunnelModel(text: string, file: string): FunnelModel {
  const parsed = parseValidatedYaml(text, funnelModelSchema, file);
  const version = `${parsed.id}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
  return Object.freeze({
    id: parsed.id,
    version,
    currency: parsed.currency,
    sourcing: resolveSourcing(parsed.sourcing),
    stages: parsed.stages.map((s) =>
      Object.freeze({
        id: s.id,
        label: s.label,
        labels: s.labels,
        kind: s.kind,
        owner: s.owner,
        responsibilities: s.responsibilities,
        entry: s.entry,
        slaHours: s.sla ? ('hours' in s.sla ? s.sla.hours : s.sla.days * 24) : null,
        targetConversion: s.targetConversion ?? null,
        capacityPerOwnerWeek: s.capacityPerOwnerWeek ?? null,
      }),
    ),
    precedence: parsed.precedence ?? DEFAULT_PRECEDENCE,
  });
}

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new TandemError('CONFIG_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, {
      place: { file },
    });
  }
}

export function loadFunnelModel(file: string = DEFAULT_FUNNEL_MODEL_PATH): FunnelModel {
  return parseFunnelModel(readTextFile(file), file);
}
