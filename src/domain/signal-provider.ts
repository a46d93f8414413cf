import type { Activity, Person } from './entities.js';
import type { StageSignal } from './lifecycle.js';

/** One person's data as the engine sees it. */
export interface PersonHistory {
  readonly person: Person;
  readonly activities: readonly Activity[];
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
