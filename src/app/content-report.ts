import { contentCandidates } from '../domain/content/content-candidates.js';
import type { ContentCatalogue } from '../domain/content/content-catalogue.js';
import { contentCoverage } from '../domain/content/content-coverage.js';
import type { ContentCoverage } from '../domain/content/content-coverage.js';
import { contentInfluence } from '../domain/content/content-influence.js';
import type { ContentInfluence } from '../domain/content/content-influence.js';
import { TandemError } from '../domain/errors.js';
import type { StageId, Team } from '../domain/stage.js';
import { scanContent } from './content-scan.js';
import type { CandidatesReport, ContentRequest } from './content-services.js';
import type { FollowUpStore } from './ports/follow-up-store.js';
import type { ReplayContext } from './replay.js';

function checkPeriod(request: ContentRequest): void {
  for (const [field, day] of [['from', request.from], ['to', request.to]] as const) {
    const valid = day !== null && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) && new Date(day).toISOString().slice(0, 10) === day;
    if (day !== null && !valid) throw new TandemError('BAD_INPUT', `--${field} must be a day as YYYY-MM-DD, not "${day}"`, { place: { field } });
  }
  if (request.from !== null && request.to !== null && request.from > request.to) throw new TandemError('BAD_INPUT', `--from ${request.from} is after --to ${request.to}`, { place: { field: 'from' } });
}

/** Coverage of stage × grade by the catalogue in a period, with the gaps of the stages sales owns. */
export async function coverageReport(store: FollowUpStore, ctx: ReplayContext, catalogue: ContentCatalogue, request: ContentRequest): Promise<ContentCoverage> {
  checkPeriod(request);
  const owners: Partial<Record<StageId, Team>> = {};
  for (const s of ctx.model.stages) owners[s.id] = s.owner;
  return contentCoverage({ catalogue, people: await scanContent(store, ctx, catalogue), from: request.from, to: request.to, owners });
}

/** Exposed vs control conversion per piece and stage, and the pieces most present in won journeys. */
export async function influenceReport(store: FollowUpStore, ctx: ReplayContext, catalogue: ContentCatalogue, request: ContentRequest): Promise<ContentInfluence> {
  checkPeriod(request);
  return contentInfluence({ catalogue, people: await scanContent(store, ctx, catalogue), from: request.from, to: request.to, at: ctx.at });
}

/** URLs that recur in activities and are in no piece: candidates for the catalogue. */
export async function candidatesReport(store: FollowUpStore, ctx: ReplayContext, catalogue: ContentCatalogue, request: ContentRequest & { readonly minPeople: number }): Promise<CandidatesReport> {
  checkPeriod(request);
  if (!(Number.isInteger(request.minPeople) && request.minPeople >= 1)) throw new TandemError('BAD_INPUT', `--min-people must be a whole number ≥ 1, not ${request.minPeople}`, { place: { field: 'min-people' } });
  const people = await scanContent(store, ctx, catalogue);
  return { catalogueVersion: catalogue.version, from: request.from, to: request.to, minPeople: request.minPeople, candidates: contentCandidates(people, request) };
}
