import type { Activity, Person } from './entities.js';
import type { StageSignal } from './lifecycle.js';
import type { AccountFacts } from './qualification/field-value.js';

/** One person's data as the engine sees it. */
export interface PersonHistory {
  readonly person: Person;
  readonly activities: readonly Activity[];
  /** The person's account, when the store supplies it (rules may read `account.<field>`). */
  readonly account?: AccountFacts | null;
  /**
   * The first time the person was seen (created or any activity), when the store supplies it
   * because `activities` holds only the types a reader asked for.
   */
  readonly firstSeenAt?: string | null;
  /**
   * Per model version: the times (ms) of the activities matching each of its activity tests,
   * when the store matched them (then `activities` may hold only what the funnel reads).
   */
  readonly matched?: ReadonlyMap<string, readonly (readonly number[])[]>;
}

/**
 * Derives stage entries that no single activity causes: a qualification score crossing its
 * threshold (→ mql), a contact policy running out (→ unreachable). Pure; time is passed in.
 */
export interface SignalProvider {
  readonly id: string;
  /** A version string recorded on the transitions it causes. */
  readonly version: string;
  signals(history: PersonHistory, at: string): readonly StageSignal[];
}
