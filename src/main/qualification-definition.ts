import type { DefinitionHandler } from '../app/ports/definition-registry.js';
import { parseQualificationModel } from '../config/qualification/load-qualification-model.js';
import { adoptSource, backtestSource } from './qualification-services.js';
import type { QualificationDeps } from './qualification-services.js';

/**
 * The qualification model as a shared definition: checked by its schema, backtested on all of
 * history beside the active model (`tandem model backtest`), adopted and replayed as
 * `tandem model adopt` does.
 */
export function qualificationDefinition(deps: QualificationDeps): DefinitionHandler {
  return {
    kind: 'qualification',
    check: (content, name) => {
      const m = parseQualificationModel(content, name);
      return { version: m.version, modelId: m.id };
    },
    async active() {
      const a = await deps.store.models.active('qualification');
      return a ? { version: a.version, content: a.content } : null;
    },
    async backtest(content) {
      const options = { from: null, to: null, at: new Date() };
      const active = await deps.store.models.active('qualification');
      return {
        at: options.at.toISOString(),
        current: active ? await backtestSource(deps, { text: active.content, file: `stored qualification model ${active.version}` }, options) : null,
        candidate: await backtestSource(deps, { text: content, file: 'proposed qualification model' }, options),
      };
    },
    async adopt(content, author) {
      const r = await adoptSource(deps, { text: content, file: 'adopted qualification model' }, { author });
      return { version: r.version, replayed: r.persons };
    },
  };
}
