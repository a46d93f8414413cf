import type { Activity, Person } from '../../domain/entities.js';
import type { Timeline } from '../../domain/lifecycle.js';
import type { AccountFacts } from '../../domain/qualification/field-value.js';

export interface PersonActivities {
  readonly personId: string;
  readonly person: Person;
  readonly activities: readonly Activity[];
  /** The person's account (domain, name, attributes), for rules on `account.<field>`. */
  readonly account?: AccountFacts | null;
  /** Set when `activities` holds only some types: the first time the person was seen at all. */
  readonly firstSeenAt?: string | null;
  /** Per qualification model version: times of the activities matching each activity test, when the store matched them. */
  readonly matched?: ReadonlyMap<string, readonly (readonly number[])[]>;
}

/** A replay queue entry a worker took: the person, and the version (token) of the entry it answers. */
export interface QueueClaim {
  readonly personId: string;
  readonly token: string;
}

/**
 * A page of timelines in the form the store writes them (ReplayStore.prepareTimelines): made
 * wherever the timelines are computed, possibly in another thread, and written as is.
 */
export interface PreparedTimelines {
  readonly persons: number;
  readonly transitions: number;
  /** The store's own form: plain arrays of strings, numbers and nulls, so it passes between threads cheaply. */
  readonly rows: unknown;
}

/** What replaying needs from the store. */
export interface ReplayStore {
  countPersons(): Promise<number>;
  /** Pages of persons in id order (after `afterId`, up to `untilId` inclusive when given), each with its activities in time order. */
  pagePersonActivities(afterId: string | null, limit: number, untilId?: string | null): Promise<PersonActivities[]>;
  personActivities(personIds: readonly string[]): Promise<PersonActivities[]>;
  /** Persons whose data changed since their last replay (cleared by writeTimelines). */
  queuedPersonIds(limit: number): Promise<string[]>;
  /**
   * Takes up to `limit` queue entries nobody holds (or whose claim lapsed before `now`) for
   * this claimant until `until`; concurrent claimants never get the same entry. `takeOver`
   * also takes entries other claimants hold (never its own, which it is replaying).
   */
  claimQueued(claimant: string, limit: number, now: string, until: string, takeOver?: boolean): Promise<QueueClaim[]>;
  /**
   * Replaces the timelines of these persons under this model version and takes them off the
   * replay queue, in one transaction: only the entries in `dequeue` (person → token) when given.
   */
  writeTimelines(
    modelVersion: string,
    timelines: readonly Timeline[],
    options?: { readonly known: 'absent' | 'maybe'; readonly dequeue?: ReadonlyMap<string, string> },
  ): Promise<void>;
  /** The rows writePreparedTimelines writes for these timelines: pure, no database access (a worker thread may call it). */
  prepareTimelines(timelines: readonly Timeline[]): PreparedTimelines;
  /**
   * writeTimelines for timelines prepared by prepareTimelines. `consecutive`: they are a page of
   * a full replay, every person from the first id to the last in id order, so their queue
   * entries (all of them, whatever their token) go in one range delete.
   */
  writePreparedTimelines(
    modelVersion: string,
    prepared: PreparedTimelines,
    options?: { readonly known: 'absent' | 'maybe'; readonly dequeue?: ReadonlyMap<string, string>; readonly consecutive?: boolean },
  ): Promise<void>;
  deleteTimelines(modelVersion: string): Promise<void>;
  /**
   * A full replay is about to rewrite every timeline: the store may set aside what makes writing
   * row by row slow (SQLite: the journeys' report indexes), until finishBulkRewrite puts it back.
   * Reads still answer meanwhile; a crash in between loses nothing (the next open puts it back).
   */
  startBulkRewrite(): Promise<void>;
  finishBulkRewrite(): Promise<void>;
  /**
   * Reads these persons and writes their timelines in one transaction that holds their rows,
   * so two servers replaying the same person after concurrent ingests never leave a stale one.
   */
  rewriteTimelines(
    personIds: readonly string[],
    modelVersion: string,
    compute: (page: readonly PersonActivities[]) => Timeline[],
    /** Entries this claimant took: only these leave the queue, and its other claims on these persons are released. Without it, the entries queued when the persons were read leave. */
    claim?: { readonly claimant: string; readonly tokens: ReadonlyMap<string, string> },
  ): Promise<Timeline[]>;
}
