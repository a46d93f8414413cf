import { randomUUID } from 'node:crypto';
import { auditRecorder, checkPage, listAudit } from '../app/audit.js';
import { authService } from '../app/auth.js';
import { ingest } from '../app/ingest.js';
import type { DefinitionRegistry } from '../app/ports/definition-registry.js';
import type { Store } from '../app/ports/store.js';
import { proposalService } from '../app/proposals.js';
import type { ReplayContext } from '../app/replay.js';
import { replayPersons, replayVersion } from '../app/replay.js';
import type { ImportHooks, ImportResult } from '../app/services.js';
import type { ServerServices, StartImportRequest } from '../app/server-services.js';
import { TandemError } from '../domain/errors.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { cryptoTokenHasher } from './crypto-token-hasher.js';
import { funnelDefinition } from './funnel-definition.js';

export interface ServerServicesDeps {
  readonly store: Store;
  readonly now: () => string;
  readonly activeFunnelModel: () => Promise<{ model: FunnelModel; content: string }>;
  readonly adopt: (model: FunnelModel, content: string, author: string | null) => Promise<void>;
  readonly replayContext: (model: FunnelModel, at: Date) => Promise<ReplayContext>;
  readonly importFiles: (request: StartImportRequest & { runId: string }, hooks: ImportHooks) => Promise<ImportResult>;
  /** Replay what an ingest touched before answering (default true); otherwise workers replay the queue. */
  readonly inlineReplay?: boolean;
  /** Extra shared-definition kinds (qualification model, contact policy) as they land. */
  readonly definitions?: DefinitionRegistry;
}

const PROGRESS_EVERY_MS = 500;

/** The server's use cases over the store, wired once per process. */
export function serverServices(deps: ServerServicesDeps): ServerServices {
  const { store, now } = deps;
  const newId = cryptoTokenHasher.newId;
  const audit = auditRecorder(store.audit, now, () => randomUUID());
  const registry: DefinitionRegistry = {
    funnel: funnelDefinition({ store, activeFunnelModel: deps.activeFunnelModel, adopt: (m, c, a) => deps.adopt(m, c, a), replayContext: deps.replayContext }),
    ...deps.definitions,
  };
  const activeVersion = async (): Promise<string> => {
    const { model } = await deps.activeFunnelModel();
    return replayVersion(await deps.replayContext(model, new Date()));
  };
  const replayTouched = async (personIds: readonly string[]): Promise<number> => {
    const { model, content } = await deps.activeFunnelModel();
    // The first data in a new database makes the bundled model the adopted one, as an import does.
    if (!(await store.models.active('funnel'))) await deps.adopt(model, content, null);
    return (await replayPersons(store.replay, await deps.replayContext(model, new Date()), personIds)).persons;
  };
  return {
    auth: authService(store.auth, cryptoTokenHasher, audit, now),
    proposals: proposalService(store.proposals, registry, audit, now, newId),
    // Without inline replay the ingest's transaction has queued the persons; a worker replays them.
    ingest: (request) => ingest(store.imports, deps.inlineReplay === false ? async () => 0 : replayTouched, request, now),
    auditLog: (query) => listAudit(store.audit, query),
    async claimWebhookDelivery(source, deliveryId, windowSeconds) {
      const at = now();
      const claimed = await store.webhooks.claim(source, deliveryId, at);
      // Older deliveries fail the timestamp check anyway; forgetting them keeps the table small.
      if (claimed && Math.random() < 0.01) await store.webhooks.prune(new Date(Date.parse(at) - 2 * windowSeconds * 1000).toISOString());
      return claimed;
    },
    async startImport(request) {
      const runId = randomUUID();
      let started!: () => void;
      let failedEarly!: (e: unknown) => void;
      const ready = new Promise<void>((resolve, reject) => {
        started = resolve;
        failedEarly = reject;
      });
      let last = 0;
      let isStarted = false;
      const done = deps
        .importFiles(
          { ...request, runId },
          {
            onFiles: (files) => {
              isStarted = true;
              void store.importRuns
                .saveProgress(runId, { file: files[0]?.path ?? '', bytesRead: 0, bytesTotal: files.reduce((n, f) => n + f.bytes, 0) }, now())
                .then(started, failedEarly);
            },
            onProgress: (p) => {
              if (Date.now() - last < PROGRESS_EVERY_MS) return;
              last = Date.now();
              void store.importRuns.saveProgress(runId, p, now()).catch(() => undefined);
            },
          },
        )
        .then(
          async (result) => {
            await store.importRuns.saveProgress(runId, { file: result.files.at(-1)?.file ?? '', bytesRead: 1, bytesTotal: 1 }, now());
            return result;
          },
          async (e: unknown) => {
            if (!isStarted) throw e;
            await store.importRuns.saveProgress(runId, { file: '', bytesRead: 0, bytesTotal: 0, error: (e as Error).message }, now()).catch(() => undefined);
            throw e;
          },
        );
      // Errors before the run starts (unknown preset, no mapping fits the header) are the request's errors.
      await Promise.race([ready, done.then(() => undefined)]);
      done.catch(() => undefined);
      return { runId, done };
    },
    async importRun(runId) {
      const run = await store.importRuns.get(runId);
      if (!run) throw new TandemError('NOT_FOUND', `no import run ${runId}`, { place: { field: 'id' } });
      return run;
    },
    async importRuns(limit, offset) {
      checkPage(limit, offset);
      return store.importRuns.list(limit, offset);
    },
    async importRejects(runId, limit, offset) {
      checkPage(limit, offset);
      if (!(await store.importRuns.get(runId))) throw new TandemError('NOT_FOUND', `no import run ${runId}`, { place: { field: 'id' } });
      return store.importRuns.rejects(runId, limit, offset);
    },
    async searchPersons(query) {
      checkPage(query.limit, query.offset);
      const modelVersion = await activeVersion();
      return { ...(await store.persons.search({ ...query, modelVersion })), modelVersion };
    },
    async person(personId) {
      const modelVersion = await activeVersion();
      const d = await store.persons.detail(personId, modelVersion);
      if (!d) throw new TandemError('NOT_FOUND', `no person ${personId}`, { place: { field: 'id' } });
      return { ...d, modelVersion };
    },
    modelVersions: (kind) => store.models.list(kind),
    schemaStatus: () => store.schemaStatus(),
  };
}
