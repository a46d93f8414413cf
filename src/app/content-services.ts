import type { ContentCandidate } from '../domain/content/content-candidates.js';
import type { ContentCatalogue } from '../domain/content/content-catalogue.js';
import type { ContentCoverage } from '../domain/content/content-coverage.js';
import type { ContentInfluence } from '../domain/content/content-influence.js';

export interface ContentRequest {
  /** Inclusive days (YYYY-MM-DD); null: all of history. */
  readonly from: string | null;
  readonly to: string | null;
  /** The time people are replayed at (UTC ISO). */
  readonly at: string;
  /** A catalogue file to use instead of the adopted one. */
  readonly catalogue?: string | null;
}

export interface CandidatesReport {
  readonly catalogueVersion: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly minPeople: number;
  readonly candidates: readonly ContentCandidate[];
}

export interface CatalogueImport {
  readonly catalogue: ContentCatalogue;
  /** The catalogue as YAML, ready to review and adopt. */
  readonly yaml: string;
  readonly rejects: readonly { readonly row: number; readonly field: string; readonly message: string }[];
}

/** The stage content catalogue: what marketing gives sales, how it is used, and what goes with conversion. */
export interface ContentServices {
  /** The catalogue in a file, else the adopted one (CONFIG_NOT_FOUND when none is adopted). */
  catalogue(file?: string | null): Promise<ContentCatalogue>;
  /** Validates and stores a catalogue file as the active version. */
  adoptCatalogue(file: string): Promise<ContentCatalogue>;
  /** Reads a CSV of pieces through a mapping file into a catalogue (good rows kept, bad rows named). */
  importCatalogue(csvFile: string, mappingFile: string): Promise<CatalogueImport>;
  coverage(request: ContentRequest): Promise<ContentCoverage>;
  influence(request: ContentRequest): Promise<ContentInfluence>;
  candidates(request: ContentRequest & { readonly minPeople: number }): Promise<CandidatesReport>;
}
