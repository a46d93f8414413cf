import type { DefinitionKind } from './proposal-store.js';

/** A shared definition as adopted now. */
export interface ActiveDefinition {
  readonly version: string;
  readonly content: string;
}

/**
 * How one kind of shared definition is checked, backtested and adopted. Each capability
 * (funnel model, qualification model, contact policy) registers one as it lands.
 */
export interface DefinitionHandler {
  readonly kind: DefinitionKind;
  /** Validates the YAML; throws TandemError naming line and field. */
  check(content: string, name: string): { version: string; modelId: string };
  active(): Promise<ActiveDefinition | null>;
  /** What the candidate would have done on history, attached to the proposal (JSON). */
  backtest?(content: string): Promise<unknown>;
  /** Makes the candidate the active version and replays what depends on it. */
  adopt(content: string, author: string): Promise<{ version: string; replayed: number }>;
}

export type DefinitionRegistry = Readonly<Partial<Record<DefinitionKind, DefinitionHandler>>>;
