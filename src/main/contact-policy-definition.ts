import { contactPolicyBacktest } from '../app/contact-policy-backtest.js';
import type { DefinitionHandler } from '../app/ports/definition-registry.js';
import type { ReplayContext } from '../app/replay.js';
import { parseContactPolicy } from '../config/load-contact-policy.js';
import { loadMailConfig } from '../config/mail-config.js';
import { KyselyFollowUpStore } from '../store/kysely-follow-up-store.js';
import { KyselyOutboxStore } from '../store/kysely-outbox-store.js';
import type { OpenedStore } from '../store/open-store.js';
import { activateVersion, activePolicy, followUpSetup } from './follow-up.js';

export interface ContactPolicyDefinitionDeps {
  readonly store: OpenedStore;
  /** The replay context (every active provider) at a time. */
  readonly contextAt: (at: Date) => Promise<ReplayContext>;
  /** Replays everyone under the active definitions, as `tandem policy adopt` does after activating. */
  readonly replay: () => Promise<{ readonly persons: number }>;
}

/**
 * The contact policy as a shared definition: checked by its schema; backtested by running the
 * follow-up report over history under the candidate beside the active policy (who it would
 * have made unreachable, left overdue, sent to nurture); adopted as `tandem policy adopt` does.
 */
export function contactPolicyDefinition(deps: ContactPolicyDefinitionDeps): DefinitionHandler {
  const { store } = deps;
  return {
    kind: 'contact-policy',
    check: (content, name) => {
      const p = parseContactPolicy(content, name);
      return { version: p.version, modelId: p.id };
    },
    async active() {
      const a = await activePolicy(store);
      return { version: a.value.version, content: a.content };
    },
    async backtest(content) {
      const policy = parseContactPolicy(content, 'proposed contact policy');
      const setup = followUpSetup(await deps.contextAt(new Date()));
      return contactPolicyBacktest(new KyselyFollowUpStore(store.db, store.helpers), new KyselyOutboxStore(store.db), setup, policy, loadMailConfig().settings);
    },
    async adopt(content, author) {
      const policy = parseContactPolicy(content, 'adopted contact policy');
      await activateVersion(store, 'contact-policy', policy, content, author);
      const r = await deps.replay();
      return { version: policy.version, replayed: r.persons };
    },
  };
}
