import { candidatesReport, coverageReport, influenceReport } from '../app/content-report.js';
import type { ContentServices } from '../app/content-services.js';
import type { ReplayContext } from '../app/replay.js';
import type { Store } from '../app/ports/store.js';
import { parseContentCatalogue } from '../config/load-content-catalogue.js';
import { readTextFile } from '../config/load-funnel-model.js';
import type { ContentCatalogue } from '../domain/content/content-catalogue.js';
import { TandemError } from '../domain/errors.js';
import { importContentCsv } from '../importers/content-csv.js';
import { KyselyFollowUpStore } from '../store/kysely-follow-up-store.js';
import type { OpenedStore } from '../store/open-store.js';

/** The adopted content catalogue, if any (kept in the model store as kind `content`). */
export async function activeCatalogue(store: Pick<Store, 'models'>): Promise<ContentCatalogue | null> {
  const active = await store.models.active('content');
  return active ? parseContentCatalogue(active.content, `stored content catalogue ${active.version}`) : null;
}

/** Content use cases over the store; `contextAt` gives the replay context at a time. */
export function contentServices(store: OpenedStore, contextAt: (at: Date) => Promise<ReplayContext>): ContentServices {
  const people = new KyselyFollowUpStore(store.db, store.helpers);
  const catalogue = async (file?: string | null): Promise<ContentCatalogue> => {
    if (file) return parseContentCatalogue(readTextFile(file), file);
    const active = await activeCatalogue(store);
    if (!active) throw new TandemError('CONFIG_NOT_FOUND', 'no content catalogue is adopted: run `tandem content adopt FILE` (or pass --catalogue FILE)', { place: { field: 'catalogue' } });
    return active;
  };
  return {
    catalogue,
    async adoptCatalogue(file) {
      const text = readTextFile(file);
      const value = parseContentCatalogue(text, file);
      await store.models.saveVersion({ version: value.version, kind: 'content', modelId: value.id, content: text, author: null, createdAt: new Date().toISOString(), active: false });
      await store.models.activate('content', value.version);
      return value;
    },
    importCatalogue: (csvFile, mappingFile) => importContentCsv(csvFile, mappingFile),
    coverage: async (request) => coverageReport(people, await contextAt(new Date(request.at)), await catalogue(request.catalogue), request),
    influence: async (request) => influenceReport(people, await contextAt(new Date(request.at)), await catalogue(request.catalogue), request),
    candidates: async (request) => candidatesReport(people, await contextAt(new Date(request.at)), await catalogue(request.catalogue), request),
  };
}
