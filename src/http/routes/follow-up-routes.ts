import { z } from 'zod';
import type { OwnerDigest } from '../../app/owner-digest.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented, isoDate, text } from '../schemas/common.js';
import { at, atIso, field } from '../schemas/report-params.js';

const errors = { 400: errorBodySchema, 401: errorBodySchema };

/** A share strictly between 0 and 1. */
const share = z.coerce.number({ error: 'a share between 0 and 1, e.g. 0.05' }).gt(0, 'a share between 0 and 1, e.g. 0.05').lt(1, 'a share between 0 and 1, e.g. 0.05');

const digestSchema = z
  .object({
    owner: z.string(),
    date: z.string(),
    overdue: z.number(),
    dueToday: z.number(),
    comingUp: z.number(),
    returned: z.number(),
    markdown: z.string().describe('the digest as Markdown, readable as plain text'),
  })
  .meta({ id: 'OwnerDigest' });

/** An owner with nothing to do gets a digest that says so, rather than a 404. */
function emptyDigest(owner: string, atIso: string): OwnerDigest {
  const date = atIso.slice(0, 10);
  return { owner, date, overdue: 0, dueToday: 0, comingUp: 0, returned: 0, markdown: `# Follow-up for ${owner} — ${date}\n\nNothing to follow up: the queue is empty.\n` };
}

/** The bottom of the funnel: work queues, digests, contact-policy compliance, the attempt curve. */
export const followUpRoutes: RouteModule = (app, { services }) => {
  app.get('/api/queues', {
    config: { permission: 'read' },
    schema: {
      tags: ['follow-up'],
      summary: 'Who to contact next under the contact policy, by whom and on which channel: overdue first',
      description: 'As `tandem queue --format json`. `team` keeps the owners the mail settings put in that team.',
      security: BEARER,
      querystring: z.object({ owner: text(200).optional().describe("only this owner's people"), team: text(100).optional().describe('only owners of this team'), at }),
      response: { 200: documented('WorkQueue: at, policyVersion, owner, items[] (overdue first), waiting'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.followUp.queue({ owner: q.owner ?? null, at: atIso(q.at), ...(q.team === undefined ? {} : { team: q.team }) });
    },
  });

  app.get('/api/queues/:owner/digest', {
    config: { permission: 'read' },
    schema: {
      tags: ['follow-up'],
      summary: "One owner's daily follow-up digest",
      description: 'As `tandem digest --owner OWNER --json` (never sends). With `format=md` the answer is the Markdown itself (text/markdown).',
      security: BEARER,
      params: z.object({ owner: text(200) }),
      querystring: z.object({ at, format: z.enum(['json', 'md']).default('json') }),
      response: { 200: z.union([digestSchema, z.string().describe('with format=md: the Markdown (text/markdown)')]), ...errors },
    },
    handler: async (request, reply) => {
      const { owner } = request.params;
      const when = atIso(request.query.at);
      const { digests } = await services.followUp.digests({ owner, at: when, send: false });
      const digest = digests.find((d) => d.owner === owner) ?? emptyDigest(owner, when);
      if (request.query.format === 'md') return reply.type('text/markdown; charset=utf-8').send(digest.markdown);
      return digest;
    },
  });

  app.get('/api/reports/follow-up', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports', 'follow-up'],
      summary: "Contact-policy compliance per owner and team, and the nurture program's results",
      description: 'As `tandem report follow-up --format json`: `from`/`to` select hand-overs (and enrollments) in the period.',
      security: BEARER,
      querystring: z.object({ from: isoDate.optional(), to: isoDate.optional(), at }),
      response: { 200: documented('FollowUpReport: byOwner[], byTeam[], total, nurture'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.followUp.followUpReport({ from: q.from ?? null, to: q.to ?? null, at: atIso(q.at) });
    },
  });

  app.get('/api/reports/attempts', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports', 'follow-up'],
      summary: 'The attempt curve: who connected and won by number of attempts, and a recommended policy length',
      description: 'As `tandem report attempts --format json`.',
      security: BEARER,
      querystring: z.object({
        attemptsFrom: field.optional().describe('a person attribute holding the number of attempts, for data without attempt activities'),
        threshold: share.default(0.05).describe('chance below which another attempt is not worth it (0..1)'),
        minPeople: z.coerce.number({ error: 'a whole number' }).int().min(0).max(1_000_000).default(30).describe('ignore later attempts with fewer people than this'),
      }),
      response: { 200: documented('AttemptReport: byAttempts[], curve[], recommendation, channels'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.followUp.attemptReport({ attemptsField: q.attemptsFrom ?? null, threshold: q.threshold, minAtRisk: q.minPeople });
    },
  });
};
