import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { importData } from '../app/import-data.js';
import { funnelReport } from '../app/funnel-report.js';
import { cohortReport } from '../app/cohort-report.js';
import { compareReport } from '../app/compare-report.js';
import { diagnoseFunnel } from '../app/diagnose.js';
import { planFunnel } from '../app/plan.js';
import { scorecardReport } from '../app/scorecard.js';
import { loadPlanRates } from '../config/plan-rates.js';
import { attributionReportOf, compareAttributionModels } from '../app/attribution-report.js';
import { stageInfluence } from '../app/stage-influence.js';
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
import type { OpenStoreOptions } from '../store/open-store.js';
import { serverServices } from './server-services.js';
import { DEFAULT_PARALLEL_REPLAY, replayPagesInWorkers } from './parallel-replay.js';
import type { ParallelReplayOptions } from './parallel-replay.js';

/** Parsed models by their text: parsing and validating YAML costs tens of ms, and a server asks on every request. */
const parsedModels = new Map<string, FunnelModel>();

function parseCached(content: string, name: string): FunnelModel {
  let model = parsedModels.get(content);
  if (!model) {
    model = parseFunnelModel(content, name);
    if (parsedModels.size >= 32) parsedModels.clear();
    parsedModels.set(content, model);
  }
  return model;
}
import { activeProviders, qualificationServices } from './qualification-services.js';
import type { QualificationDeps } from './qualification-services.js';
import { qualificationDefinition } from './qualification-definition.js';
import { contactPolicyDefinition } from './contact-policy-definition.js';
import { followUpProviders, followUpServices } from './follow-up.js';
import { contentServices } from './content.js';

/** The active funnel model: the last one replayed, or the bundled default. */
async function activeFunnelModel(store: Store): Promise<{ model: FunnelModel; content: string }> {
  const active = await store.models.active('funnel');
  if (active) return { model: parseCached(active.content, `stored funnel model ${active.version}`), content: active.content };
  const content = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8');
  return { model: parseFunnelModel(content, DEFAULT_FUNNEL_MODEL_PATH), content };
}

async function adopt(store: Store, model: FunnelModel, content: string, at: string, author: string | null = null): Promise<void> {
  await store.models.saveVersion({ version: model.version, kind: 'funnel', modelId: model.id, content, author, createdAt: at, active: false });
  await store.models.activate('funnel', model.version);
}

/**
 * What replays and reports run under: the active funnel model and the signal providers of the
 * active shared definitions (qualification model, contact policy) as they are adopted.
 */
async function replayContext(store: Store, model: FunnelModel, at: Date): Promise<ReplayContext> {
  return { model, providers: [...(await activeProviders(store)), ...(await followUpProviders(store, model))], at: at.toISOString() };
}

/** How a process opens the services: the store's options, and whether ingests replay inline. */
export interface ServicesOptions extends OpenStoreOptions {
  /**
   * Replay the persons an ingest touched before answering it (default). When false, ingests
   * only queue them and `tandem worker`s replay them: servers then do no background work.
   */
  readonly inlineReplay?: boolean;
  /** When `replay` computes timelines in worker threads (default: DEFAULT_PARALLEL_REPLAY, from 100,000 persons on SQLite). */
  readonly parallelReplay?: ParallelReplayOptions;
}

/** Builds the use cases over a concrete store: the only place adapters are put together. */
export async function openServices(db: string, options: ServicesOptions = {}): Promise<Services> {
  const store = await openStore(db, options);
  const now = (): string => new Date().toISOString();
  /** The active model under the version its replay rows are stored as. */
  const reportModel = async (at: Date): Promise<FunnelModel> => {
    const { model } = await activeFunnelModel(store);
    return { ...model, version: replayVersion(await replayContext(store, model, at)) };
  };
  const qualification: QualificationDeps = {
    store,
    location: db,
    funnel: () => activeFunnelModel(store),
    adoptFunnel: (model, content) => adopt(store, model, content, now()),
    context: (model, at) => replayContext(store, model, at),
    now,
  };
  const contextAt = async (at: Date): Promise<ReplayContext> => replayContext(store, (await activeFunnelModel(store)).model, at);
  const services: Services = {
    dialect: store.dialect,
    ...serverServices({
      store,
      now,
      activeFunnelModel: () => activeFunnelModel(store),
      adopt: (model, content, author) => adopt(store, model, content, now(), author),
      replayContext: (model, at) => replayContext(store, model, at),
      importFiles: (request, hooks) => services.importFiles(request, hooks),
      inlineReplay: options.inlineReplay ?? true,
      definitions: {
        qualification: qualificationDefinition(qualification),
        'contact-policy': contactPolicyDefinition({ store, contextAt, replay: () => services.replay(null) }),
      },
    }),
    async replayQueue(work = {}) {
      const { model, content } = await activeFunnelModel(store);
      // The first data in a new database makes the bundled model the adopted one, as an ingest does.
      if (!(await store.models.active('funnel'))) await adopt(store, model, content, now());
      const ctx = await replayContext(store, model, work.now?.() ?? new Date());
      return replayQueued(store.replay, ctx, { ...work, claimant: work.claimant ?? `replay:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` });
    },
    async importFiles(request, hooks = {}) {
      const files = await resolveImportFiles(request);
      hooks.onFiles?.(files.map((f) => ({ path: f.path, mapping: f.mappingName, bytes: f.bytes })));
      const summary = await importData(store.imports, files, {
        runId: request.runId ?? randomUUID(),
        now,
        onProgress: hooks.onProgress,
        onRejects: hooks.onRejects,
        precedence: (await activeFunnelModel(store)).model.precedence,
        bulk: request.bulk,
      });
      let replayed = 0;
      if (request.replay !== false) {
        const { model, content } = await activeFunnelModel(store);
        await adopt(store, model, content, now());
        const ctx = await replayContext(store, model, new Date());
        replayed = (await replayQueued(store.replay, ctx, { claimant: `import:${randomUUID()}`, takeOver: true }, hooks.onReplay)).persons;
      }
      return { ...summary, replayed };
    },
    async replay(modelFile, onProgress, replayOptions) {
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
      const job = { location: db, funnel: { text: content, file: `funnel model ${model.version}` }, at: ctx.at, version: replayVersion(ctx) };
      const parallel = options.parallelReplay ?? DEFAULT_PARALLEL_REPLAY;
      const workers = replayOptions?.workers;
      const pages = await replayPagesInWorkers(store, job, workers === undefined ? parallel : { workers, minPersons: 0 });
      const result = await replayAll(store.replay, ctx, onProgress, pages ?? undefined);
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
    ...qualificationServices(qualification),
    async cohortReport(request) {
      return cohortReport(store.reports, await reportModel(request.at), request);
    },
    async compareReport(request) {
      return compareReport(store.reports, await reportModel(request.at), request);
    },
    async diagnose(request) {
      return diagnoseFunnel(store.reports, await reportModel(request.at), request);
    },
    async scorecard(request) {
      return scorecardReport(store.reports, await reportModel(request.at), request);
    },
    async plan(request) {
      const rates = request.ratesFile ? loadPlanRates(request.ratesFile) : null;
      return planFunnel(store.reports, await reportModel(request.at), { ...request, rates });
    },
    followUp: followUpServices(store, contextAt),
    async attributionReport(request) {
      const { model } = await activeFunnelModel(store);
      const ctx = await replayContext(store, model, request.at);
      return attributionReportOf(store.attribution, { ...model, version: replayVersion(ctx) }, request);
    },
    async compareAttributionModels(request) {
      const { model } = await activeFunnelModel(store);
      const ctx = await replayContext(store, model, request.at);
      return compareAttributionModels(store.attribution, { ...model, version: replayVersion(ctx) }, request);
    },
    async stageInfluence(request) {
      const { model } = await activeFunnelModel(store);
      const ctx = await replayContext(store, model, new Date());
      return stageInfluence(store.attribution, { ...model, version: replayVersion(ctx) }, request);
    },
    async reconcile(request) {
      const { model } = await activeFunnelModel(store);
      const ctx = await replayContext(store, model, new Date());
      return reconcile(store.reconcile, { ...model, version: replayVersion(ctx) }, request);
    },
    content: contentServices(store, async (at) => replayContext(store, (await activeFunnelModel(store)).model, at)),
    close: () => store.close(),
  };
  return services;
}

export const storeAdmin: StoreAdmin = {
  backup: (db, file) => backupStore(db, file),
  restore: async (file, db) => restoreStore(file, db),
};
