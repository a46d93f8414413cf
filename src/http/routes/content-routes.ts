import { z } from 'zod';
import type { ContentRequest } from '../../app/content-services.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented, isoDate } from '../schemas/common.js';

const period = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  at: z.iso.datetime({ offset: true }).optional().describe('the time people are replayed at (default now)'),
};

const requestOf = (q: { from?: string; to?: string; at?: string }): ContentRequest => ({
  from: q.from ?? null,
  to: q.to ?? null,
  at: (q.at ? new Date(q.at) : new Date()).toISOString(),
});

/** The content catalogue's reports (issue 9), over the adopted catalogue (docs/content.md). */
export const contentRoutes: RouteModule = (app, { services }) => {
  const errors = { 400: errorBodySchema, 404: errorBodySchema };
  app.get('/api/content/coverage', {
    config: { permission: 'read' },
    schema: {
      tags: ['content'],
      summary: 'Content coverage: per stage × grade the pieces available and their uses by sales and marketing; the gaps',
      security: BEARER,
      querystring: z.object(period),
      response: { 200: documented('ContentCoverage: cells[{stage, grade, pieces, pieceIds, uses{sales, marketing, total}, people}], gaps[{stage, grade, owner, people}]'), ...errors },
    },
    handler: async (request) => services.content.coverage(requestOf(request.query)),
  });
  app.get('/api/content/influence', {
    config: { permission: 'read' },
    schema: {
      tags: ['content'],
      summary: 'Per piece and stage: conversion of people who received it vs people at the same stage and grade who did not (association, not proof)',
      security: BEARER,
      querystring: z.object(period),
      response: { 200: documented('ContentInfluence: pieces[{id, stage, exposed, exposedConverted, control, controlConverted, lift, ci{low, high}}], won[], warning, method'), ...errors },
    },
    handler: async (request) => services.content.influence(requestOf(request.query)),
  });
  app.get('/api/content/candidates', {
    config: { permission: 'read' },
    schema: {
      tags: ['content'],
      summary: 'URLs that recur in activities but are in no catalogue piece',
      security: BEARER,
      querystring: z.object({ ...period, minPeople: z.coerce.number().int().min(1).max(1_000_000).default(3) }),
      response: { 200: documented('CandidatesReport: candidates[{url, people, uses, sales, marketing, firstAt, lastAt}]'), ...errors },
    },
    handler: async (request) => services.content.candidates({ ...requestOf(request.query), minPeople: request.query.minPeople }),
  });
};
