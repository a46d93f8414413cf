import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportBatch, Reject } from '../src/app/ports/import-records.js';
import { resolveImportFiles } from '../src/importers/resolve-import-files.js';
import type { ImportRequest } from '../src/importers/resolve-import-files.js';

type Lists = { -readonly [K in keyof ImportBatch]-?: NonNullable<ImportBatch[K]>[number][] };

/** Everything the importers make of some files, without a store: records, rejects and warnings. */
export interface ReadResult {
  readonly mappings: string[];
  readonly batch: Lists;
  readonly rejects: Reject[];
  readonly warnings: string[];
  readonly rows: number;
}

export async function readImport(request: ImportRequest): Promise<ReadResult> {
  const files = await resolveImportFiles(request);
  const batch: Lists = { accounts: [], persons: [], opportunities: [], activities: [], campaigns: [] };
  const rejects: Reject[] = [];
  let rows = 0;
  for (const f of files) {
    for await (const chunk of f.chunks()) {
      batch.accounts.push(...chunk.batch.accounts);
      batch.persons.push(...chunk.batch.persons);
      batch.opportunities.push(...chunk.batch.opportunities);
      batch.activities.push(...chunk.batch.activities);
      rejects.push(...chunk.rejects);
      rows += chunk.rows;
    }
  }
  return { mappings: files.map((f) => f.mappingName), batch, rejects, warnings: files.flatMap((f) => f.warnings), rows };
}

let dir: string | null = null;

/** Writes a file (text as UTF-8, or exact bytes) into a fresh temporary folder; returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), 'tandem-import-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A mapping file from YAML text. */
export function tempMapping(yaml: string, name = 'mapping.yaml'): string {
  return tempFile(name, yaml);
}
