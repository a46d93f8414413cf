import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { TandemError } from '../domain/errors.js';
import type { ImportFile } from '../app/ports/import-source.js';
import { parseValidatedYaml } from '../config/validated-yaml.js';
import { chooseMapping, importOrder } from './choose-mapping.js';
import { RowError } from './convert-value.js';
import { csvImportFile } from './csv-import-file.js';
import { loadMappingFile, loadPreset } from './load-mapping.js';
import type { NamedMapping } from './load-mapping.js';
import { manifestSchema } from './manifest-schema.js';
import { openCsv } from './read-csv.js';
import { ENCODINGS } from './detect-encoding.js';
import type { Encoding } from './detect-encoding.js';

export interface ImportRequest {
  readonly paths: readonly string[];
  readonly preset?: string;
  readonly mapping?: string;
  readonly encoding?: Encoding;
}

export const MANIFEST_NAME = 'manifest.yaml';

/** A file name inside a manifest's folder; never a path that leaves it. */
function insideFolder(folder: string, name: string, manifest: string): string {
  const full = resolve(folder, name);
  const rel = relative(folder, full);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new TandemError('MAPPING_INVALID', `${manifest}: "${name}" is outside the export folder`, { place: { file: manifest } });
  }
  return full;
}

function fromManifest(folder: string): { path: string; candidates: NamedMapping[] }[] {
  const file = join(folder, MANIFEST_NAME);
  const manifest = parseValidatedYaml(readFileSync(file, 'utf8'), manifestSchema, file, 'MAPPING_INVALID');
  return manifest.files.map((f) => ({
    path: insideFolder(folder, f.file, file),
    candidates: f.preset ? loadPreset(f.preset) : [loadMappingFile(insideFolder(folder, f.mapping!, file))],
  }));
}

async function bind(path: string, candidates: readonly NamedMapping[], encoding?: Encoding): Promise<ImportFile> {
  if (!existsSync(path)) throw new TandemError('IMPORT_FILE_UNREADABLE', `no file ${path}`, { place: { file: path } });
  const probe = await openCsv(path, { encoding });
  const named = chooseMapping(path, probe.header, candidates);
  const csv = await openCsv(path, { delimiter: named.mapping.delimiter, encoding: encoding ?? named.mapping.encoding });
  try {
    return csvImportFile(csv, named);
  } catch (e) {
    if (e instanceof RowError) {
      throw new TandemError('MAPPING_INVALID', `${basename(path)}: ${e.message}`, { place: { file: path, field: e.field } });
    }
    throw e;
  }
}

/**
 * Turns what the user named (files, or export folders with a manifest) into files bound to
 * mappings, persons first so that deals and activities find them.
 */
export async function resolveImportFiles(request: ImportRequest): Promise<ImportFile[]> {
  if (request.encoding !== undefined && !(ENCODINGS as readonly string[]).includes(request.encoding)) {
    throw new TandemError('BAD_INPUT', `unknown encoding "${request.encoding}"; use one of ${ENCODINGS.join(', ')} (or leave it out to detect it)`);
  }
  const jobs: { path: string; candidates: NamedMapping[] }[] = [];
  const given = request.preset ? loadPreset(request.preset) : request.mapping ? [loadMappingFile(request.mapping)] : null;
  for (const p of request.paths) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      if (!given && existsSync(join(p, MANIFEST_NAME))) jobs.push(...fromManifest(p));
      else if (given) {
        for (const f of readdirSync(p).filter((n) => /\.csv$/i.test(n)).sort()) jobs.push({ path: join(p, f), candidates: given });
      } else {
        throw new TandemError('IMPORT_NO_MAPPING', `${p} is a folder without ${MANIFEST_NAME}: name a --preset or --mapping`, { place: { file: p } });
      }
    } else {
      if (!given) {
        const manifestDir = dirname(p);
        if (existsSync(join(manifestDir, MANIFEST_NAME))) {
          const entry = fromManifest(manifestDir).find((j) => resolve(j.path) === resolve(p));
          if (entry) {
            jobs.push(entry);
            continue;
          }
        }
        throw new TandemError('IMPORT_NO_MAPPING', `${basename(p)}: say how to read it with --preset NAME or --mapping FILE`, { place: { file: p } });
      }
      jobs.push({ path: p, candidates: given });
    }
  }
  const files: ImportFile[] = [];
  const mappings = new Map<ImportFile, NamedMapping>();
  for (const job of jobs) {
    const f = await bind(job.path, job.candidates, request.encoding);
    files.push(f);
    mappings.set(f, job.candidates.find((c) => c.name === f.mappingName)!);
  }
  return files.sort((a, b) => importOrder(mappings.get(a)!, mappings.get(b)!));
}
