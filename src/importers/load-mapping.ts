import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TandemError } from '../domain/errors.js';
import { parseValidatedYaml } from '../config/validated-yaml.js';
import { mappingSchema } from './mapping-schema.js';
import type { Mapping } from './mapping-schema.js';

/** Bundled presets: one folder per preset, one mapping file per kind of export it reads. */
export const PRESETS_DIR = fileURLToPath(new URL('../../presets', import.meta.url));

export interface NamedMapping {
  readonly name: string;
  readonly file: string;
  readonly mapping: Mapping;
}

export function parseMapping(text: string, file: string): Mapping {
  return parseValidatedYaml(text, mappingSchema, file, 'MAPPING_INVALID');
}

export function loadMappingFile(file: string): NamedMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TandemError('MAPPING_INVALID', `cannot read the mapping file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { place: { file } });
  }
  return { name: basename(file).replace(/\.ya?ml$/, ''), file, mapping: parseMapping(text, file) };
}

export function listPresets(): string[] {
  return readdirSync(PRESETS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The mappings of a bundled preset, in the order they should be imported. */
export function loadPreset(name: string): NamedMapping[] {
  if (!/^[a-z0-9-]+$/.test(name) || !listPresets().includes(name)) {
    throw new TandemError('PRESET_UNKNOWN', `no preset "${name}"; the presets are: ${listPresets().join(', ')}`);
  }
  const dir = join(PRESETS_DIR, name);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => loadMappingFile(join(dir, f)));
}
