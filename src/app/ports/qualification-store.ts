import type { ActivityType } from '../../domain/activity-type.js';
import type { Activity } from '../../domain/entities.js';
import type { Transition } from '../../domain/lifecycle.js';
import type { ActivityTest } from '../../domain/qualification/rule.js';
import type { PersonActivities } from './replay-store.js';

/** A won deal's amount, per person and currency. */
export interface WonAmount {
  readonly currency: string | null;
  readonly amountMinor: number;
}

/** What scoring, backtests and explanations read from the store. */
export interface QualificationStore {
  /**
   * Pages of persons in id order with their account and activities in time order. With
   * `activityTypes`, only those types are read (and `firstSeenAt` says when the person was first seen at all).
   */
  pageScoring(afterId: string | null, limit: number, activityTypes: readonly ActivityType[] | null): Promise<PersonActivities[]>;
  /**
   * Like pageScoring, but the database matches the activity tests: each row carries only the
   * activities of `engineTypes` (what the funnel's triggers read) plus, per test, the times of
   * the matching activities. Null when a test's `where` cannot be matched in SQL exactly as the
   * TypeScript evaluator would (then read activities with pageScoring).
   */
  pageScoringMatched(
    afterId: string | null,
    limit: number,
    engineTypes: readonly ActivityType[],
    tests: readonly ActivityTest[],
  ): Promise<(PersonActivities & { readonly matchedTimes: readonly (readonly number[])[] })[] | null>;
  /** Every activity of one person, in time order (for a person a follow-up provider must see whole). */
  personActivities(personId: string): Promise<Activity[]>;
  /** Person ids that cut the persons (in id order) into `parts` ranges of about equal size; fewer when there are few persons. */
  personIdBoundaries(parts: number): Promise<string[]>;
  /** Won opportunity amounts per person; with a range, only of persons with an id after `after` and up to `until`. */
  wonAmounts(range?: { readonly after: string | null; readonly until: string | null }): Promise<Map<string, WonAmount[]>>;
  /** Person ids matching a reference: the id itself, an email, or an id in a source system. */
  findPersons(ref: string): Promise<string[]>;
  /** A person's stored transitions under a replay version, in order. */
  transitions(personId: string, modelVersion: string): Promise<Transition[]>;
  /** The replay versions a person has stored timelines under. */
  replayedVersions(personId: string): Promise<string[]>;
}
