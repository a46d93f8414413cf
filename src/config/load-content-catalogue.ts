import { createHash } from 'node:crypto';
import type { ContentCatalogue } from '../domain/content/content-catalogue.js';
import { contentCatalogueSchema } from './content-catalogue-schema.js';
import { readTextFile } from './load-funnel-model.js';
import { parseValidatedYaml } from './validated-yaml.js';

/** Validates a content catalogue's YAML text; the version is `id@` the hash of its content. */
export function parseContentCatalogue(text: string, file: string): ContentCatalogue {
  const c = parseValidatedYaml(text, contentCatalogueSchema, file);
  return Object.freeze({
    id: c.id,
    version: `${c.id}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`,
    defaultLanguage: c.defaultLanguage,
    pieces: c.pieces.map((p) =>
      Object.freeze({
        id: p.id,
        title: p.title,
        url: p.url ?? null,
        aliases: p.aliases,
        type: p.type,
        stages: p.stages,
        grades: p.grades,
        team: p.team,
        language: p.language,
        since: p.since ?? null,
        until: p.until ?? null,
      }),
    ),
  });
}

export function loadContentCatalogue(file: string): ContentCatalogue {
  return parseContentCatalogue(readTextFile(file), file);
}
