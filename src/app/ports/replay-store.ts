import type { Activity, Person } from '../../domain/entities.js';
import type { Timeline } from '../../domain/lifecycle.js';

export interface PersonActivities {
  readonly personId: string;
  readonly person: Person;
  readonly activities: readonly Activity[];
}

/** What replaying needs from the store. */
export interface ReplayStore {
  countPersons(): Promise<number>;
  /** Pages of persons in id order, each with its activities in time order. */
  pagePersonActivities(afterId: string | null, limit: number): Promise<PersonActivities[]>;
  personActivities(personIds: readonly string[]): Promise<PersonActivities[]>;
  /** Persons whose data changed since their last replay (cleared by writeTimelines). */
  queuedPersonIds(limit: number): Promise<string[]>;
  /** Replaces the timelines of these persons under this model version and takes them off the replay queue, in one transaction. */
  writeTimelines(modelVersion: string, timelines: readonly Timeline[], options?: { readonly known: 'absent' | 'maybe' }): Promise<void>;
  deleteTimelines(modelVersion: string): Promise<void>;
}
