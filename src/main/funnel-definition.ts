import type { DefinitionHandler } from '../app/ports/definition-registry.js';
import type { Store } from '../app/ports/store.js';
import type { ReplayContext } from '../app/replay.js';
import { replayAll, replayVersion } from '../app/replay.js';
import { funnelReport } from '../app/funnel-report.js';
import type { FunnelModel } from '../domain/funnel-model.js';
import { parseFunnelModel } from '../config/load-funnel-model.js';

export interface FunnelDefinitionDeps {
  readonly store: Store;
  readonly activeFunnelModel: () => Promise<{ model: FunnelModel; content: string }>;
  readonly adopt: (model: FunnelModel, content: string, author: string) => Promise<void>;
  readonly replayContext: (model: FunnelModel, at: Date) => Promise<ReplayContext>;
}

/** What the whole funnel looked like under a model: stage reach and conversion, revenue. */
function summary(r: Awaited<ReturnType<typeof funnelReport>>): unknown {
  return {
    modelVersion: r.modelVersion,
    stages: r.stages.map((s) => ({ id: s.id, reached: s.reached, conversionToNext: s.conversionToNext, pastSla: s.pastSla })),
    revenue: { wonCount: r.revenue.wonCount, wonAmount: r.revenue.wonAmount, currency: r.revenue.currency },
  };
}

/**
 * The funnel model as a shared definition: checked by its schema, backtested by replaying
 * all of history under it (the same engine, another version key), adopted by activating it
 * and replaying everyone.
 */
export function funnelDefinition(deps: FunnelDefinitionDeps): DefinitionHandler {
  const reportUnder = async (model: FunnelModel, at: Date) => {
    const ctx = await deps.replayContext(model, at);
    return funnelReport(deps.store.reports, { ...model, version: replayVersion(ctx) }, { from: null, to: null, by: null, at });
  };
  return {
    kind: 'funnel',
    check: (content, name) => {
      const m = parseFunnelModel(content, name);
      return { version: m.version, modelId: m.id };
    },
    async active() {
      const { model, content } = await deps.activeFunnelModel();
      return { version: model.version, content };
    },
    async backtest(content) {
      const at = new Date();
      const candidate = parseFunnelModel(content, 'proposed funnel model');
      const { model: current } = await deps.activeFunnelModel();
      const ctx = await deps.replayContext(candidate, at);
      const replayed = await replayAll(deps.store.replay, ctx);
      return { at: at.toISOString(), persons: replayed.persons, current: summary(await reportUnder(current, at)), candidate: summary(await reportUnder(candidate, at)) };
    },
    async adopt(content, author) {
      const model = parseFunnelModel(content, 'adopted funnel model');
      const ctx = await deps.replayContext(model, new Date());
      const result = await replayAll(deps.store.replay, ctx);
      // Activated after the replay, so reports never read a half-built version.
      await deps.adopt(model, content, author);
      return { version: model.version, replayed: result.persons };
    },
  };
}
