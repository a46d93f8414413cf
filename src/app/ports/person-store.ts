import type { Activity, Person } from '../../domain/entities.js';
import type { StageId } from '../../domain/stage.js';

export const PERSON_SORTS = ['name', '-name', 'created', '-created', 'email', '-email', 'stage', '-stage'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export interface PersonQuery {
  readonly modelVersion: string;
  /** Free text matched against name, email and company. */
  readonly q: string | null;
  readonly stage: StageId | null;
  readonly owner: string | null;
  readonly source: string | null;
  readonly sort: PersonSort;
  readonly limit: number;
  readonly offset: number;
}

export interface PersonRow {
  readonly person: Person;
  readonly currentStage: string | null;
  readonly currentSince: string | null;
}

export interface TransitionView {
  readonly seq: number;
  readonly from: string | null;
  readonly to: string;
  readonly at: string;
  readonly reason: string;
  readonly actor: string | null;
  readonly activityId: string | null;
}

export interface PersonStore {
  search(query: PersonQuery): Promise<{ total: number; persons: PersonRow[] }>;
  detail(personId: string, modelVersion: string): Promise<{ row: PersonRow; activities: Activity[]; transitions: TransitionView[] } | null>;
}
