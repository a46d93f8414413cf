import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importData } from '../app/import-data.js';
import { funnelReport } from '../app/funnel-report.js';
import { reconcile } from '../app/reconcile.js';
import { replayAll, replayQueued, replayVersion } from '../app/replay.js';
import type { ReplayContext } from '../app/replay.js';
import type { Services, StoreAdmin } from '../app/services.js';
import type { Store } from '../app/ports/store.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel, readTextFile } from '../config/load-funnel-model.js';
import { resolveImportFiles } from '../importers/resolve-import-files.js';
import { backupStore, restoreStore } from '../store/backup.js';
import { openStore } from '../store/open-store.js';

/** The active funnel model: the last one replayed, or the bundled default. */
async function activeFunnelModel(store: Store): Promise<{ model: FunnelModel; content: string }> {
  const active = await store.models.active('funnel');
  if (active) return { model: parseFunnelModel(active.content, `stored funnel model ${active.version}`), content: active.content };
  const content = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8');
  return { model: parseFunnelModel(content, DEFAULT_FUNNEL_MODEL_PATH), content };
}

async function adopt(store: Store, model: FunnelModel, content: string, at: string): Promise<void> {
  await store.models.saveVersion({ version: model.version, kind: 'funnel', modelId: model.id, content, author: null, createdAt: at, active: false });
  await store.models.activate('funnel', model.version);
}

/**
 * What replays and reports run under: the active funnel model and the signal providers of the
 * active shared definitions (qualification model, contact policy) as they are adopted.
 */
async function replayContext(store: Store, model: FunnelModel, at: Date): Promise<ReplayContext> {
  void store;
  return { model, providers: [], at: at.toISOString() };
}

/** Builds the use cases over a concrete store: the only place adapters are put together. */
export async function openServices(db: string): Promise<Services> {
  const store = await openStore(db);
  const now = (): string => new Date().toISOString();
  return {
    dialect: store.dialect,
    async importFiles(request, hooks = {}) {
      const files = await resolveImportFiles(request);
      hooks.onFiles?.(files.map((f) => ({ path: f.path, mapping: f.mappingName, bytes: f.bytes })));
      const summary = await importData(store.imports, files, {
        runId: randomUUID(),
        now,
        onProgress: hooks.onProgress,
        onRejects: hooks.onRejects,
        precedence: (await activeFunnelModel(store)).model.precedence,
      });
      let replayed = 0;
      if (request.replay !== false) {
        const { model, content } = await activeFunnelModel(store);
        await adopt(store, model, content, now());
        const ctx = await replayContext(store, model, new Date());
        replayed = (await replayQueued(store.replay, ctx, hooks.onReplay)).persons;
      }
      return { ...summary, replayed };
    },
    async replay(modelFile, onProgress) {
      const { model, content } = modelFile
        ? (() => {
            const text = readTextFile(modelFile);
            return { model: parseFunnelModel(text, modelFile), content: text };
          })()
        : await activeFunnelModel(store);
      // Person fields follow the model's source precedence too, not only replayed stages: when it
      // changed, re-merge before adopting (a crash in between re-merges again next time).
      const previous = (await activeFunnelModel(store)).model.precedence;
      if (model.precedence && JSON.stringify(model.precedence) !== JSON.stringify(previous)) await store.imports.applyPrecedence(model.precedence);
      await adopt(store, model, content, now());
      const ctx = await replayContext(store, model, new Date());
      const result = await replayAll(store.replay, ctx, onProgress);
      return { ...result, modelVersion: replayVersion(ctx) };
    },
    async funnelModel() {
      return (await activeFunnelModel(store)).model;
    },
    async funnelReport(request) {
      const { model } = await activeFunnelModel(store);
      const ctx = await replayContext(store, model, request.at);
      return funnelReport(store.reports, { ...model, version: replayVersion(ctx) }, request);
    },
    async reconcile(request) {
      const { model } = await activeFunnelModel(store);
      const ctx = await replayContext(store, model, new Date());
      return reconcile(store.reconcile, { ...model, version: replayVersion(ctx) }, request);
    },
    close: () => store.close(),
  };
}

export const storeAdmin: StoreAdmin = {
  backup: (db, file) => backupStore(db, file),
  restore: async (file, db) => restoreStore(file, db),
};
