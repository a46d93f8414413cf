import type { Opportunity } from '../../domain/entities.js';
import type { PersonActivities } from './replay-store.js';

/** A person with everything follow-up reads: activities in time order and their deals. */
export interface PersonFollowUp extends PersonActivities {
  readonly opportunities: readonly Opportunity[];
}

/** What the contact policy, queues, attempt curve and nurture reports read from the store. */
export interface FollowUpStore {
  countPersons(): Promise<number>;
  /** Pages of persons in id order. */
  pagePeople(afterId: string | null, limit: number): Promise<PersonFollowUp[]>;
  people(personIds: readonly string[]): Promise<PersonFollowUp[]>;
  /** The person with this Tandem id, or this email address (normalised), if any. */
  findPerson(idOrEmail: string): Promise<string | null>;
  /** Whether any journey is stored under this replay version. */
  hasJourneys(modelVersion: string): Promise<boolean>;
  /** People whose stored journey (under this version) currently sits in one of these stages. */
  personIdsInStages(modelVersion: string, stages: readonly string[]): Promise<string[]>;
}
