import { z } from 'zod';
import { PERSON_SORTS } from '../../app/ports/person-store.js';
import { STAGES } from '../../domain/stage.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { errorBodySchema } from '../error-body.js';
import { documented, idParam, isoDateTime, page } from '../schemas/common.js';

/** Find persons and read one's journey (activities and the transitions they caused, with reasons). */
export const personRoutes: RouteModule = (app, { services }) => {
  app.get('/api/persons', {
    config: { permission: 'read' },
    schema: {
      tags: ['persons'],
      summary: 'Search persons',
      security: BEARER,
      querystring: z.object({
        q: z.string().max(200).optional().describe('text in name, email or company'),
        stage: z.enum(STAGES).optional().describe('current stage under the active model'),
        owner: z.string().max(200).optional(),
        source: z.string().max(200).optional(),
        sort: z.enum(PERSON_SORTS).default('name'),
        ...page,
      }),
      response: { 200: documented('{ total, modelVersion, persons: [{ person, currentStage, currentSince }] }') },
    },
    handler: async (request) => {
      const q = request.query;
      return services.searchPersons({ q: q.q ?? null, stage: q.stage ?? null, owner: q.owner ?? null, source: q.source ?? null, sort: q.sort, limit: q.limit, offset: q.offset });
    },
  });
  app.get('/api/persons/:id', {
    config: { permission: 'read' },
    schema: {
      tags: ['persons'],
      summary: "A person's journey: fields, activities, and each transition with the rule that caused it",
      security: BEARER,
      params: idParam,
      response: { 200: documented('{ row, activities, transitions, modelVersion }') },
    },
    handler: async (request) => services.person(request.params.id),
  });
  app.get('/api/persons/:id/explain', {
    config: { permission: 'read' },
    schema: {
      tags: ['persons'],
      summary: 'Why a person stands where they stand: score, the rules that fired with their points, grade, MQL crossing, and the timeline with each reason',
      description: 'As `tandem person explain ID --format json`. The id may be a Tandem person id, an email, or an id in a source system.',
      security: BEARER,
      params: idParam,
      querystring: z.object({
        at: isoDateTime.optional().describe('evaluation time (default: now)'),
        version: z.string().min(1).max(200).optional().describe('the timeline stored under this replay version (older models stay queryable)'),
      }),
      response: { 200: documented('PersonExplanation: person, model, score, rules, crossing, timeline'), 404: errorBodySchema },
    },
    handler: async (request) => {
      const q = request.query;
      return services.explainPerson(request.params.id, { at: q.at ? new Date(q.at) : new Date(), version: q.version ?? null });
    },
  });
};
