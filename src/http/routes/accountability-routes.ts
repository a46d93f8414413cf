import { z } from 'zod';
import { COHORT_GRAINS } from '../../domain/cohort-report.js';
import { REPORT_BASES } from '../../domain/report-basis.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import { errorBodySchema } from '../error-body.js';
import { BEARER } from '../route-context.js';
import type { RouteModule } from '../route-context.js';
import { documented } from '../schemas/common.js';
import { amount, at, atDate, field, onePeriodForm, period, periodRange, rangeOf, unit } from '../schemas/report-params.js';

const errors = { 400: errorBodySchema, 401: errorBodySchema };

/**
 * The accountability reports: cohorts, two periods compared, the diagnosis, the scorecard and
 * the plan. Query parameters are the CLI's flags in camelCase; each answer is the JSON
 * `--format json` prints.
 */
export const accountabilityRoutes: RouteModule = (app, { services }) => {
  app.get('/api/reports/cohorts', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'Cohorts by funnel-entry month or quarter: share reaching each stage, time to stage, a triangle by age',
      description: 'As `tandem report cohorts`. `by` is the cohort grain; `split` splits every cohort by a person field or imported column.',
      security: BEARER,
      querystring: z
        .object({
          by: z.enum(COHORT_GRAINS).default('month').describe('cohort by month or quarter of funnel entry'),
          split: field.optional(),
          stage: z.enum(MAIN_STAGES).default('won').describe('the stage the triangle follows'),
          ...periodRange,
          unit,
          at,
        })
        .superRefine(onePeriodForm),
      response: { 200: documented('CohortReport: cohorts[], timeToStage, triangle, groups[] when split'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.cohortReport({ grain: q.by, ...rangeOf(q), split: q.split ?? null, unit: q.unit, stage: q.stage, at: atDate(q.at) });
    },
  });

  app.get('/api/reports/compare', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'Two periods side by side: every funnel figure with absolute and relative change',
      description: 'As `tandem report compare --a 2024-Q2 --b 2024-Q4`.',
      security: BEARER,
      querystring: z.object({
        a: period.describe('the first period: 2024-Q2, 2024-05, or FROM..TO'),
        b: period.describe('the second period'),
        by: field.optional(),
        basis: z.enum(REPORT_BASES).default('cohort').describe('cohort: units that entered in the period; flow: units that passed each stage in it'),
        unit,
        at,
      }),
      response: { 200: documented('CompareReport: a, b (funnels), changes[]'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.compareReport({ a: q.a, b: q.b, by: q.by ?? null, unit: q.unit, basis: q.basis, at: atDate(q.at) });
    },
  });

  app.get('/api/reports/diagnose', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'The bottlenecks ranked by revenue at stake, each with its owner',
      description: 'As `tandem diagnose`: conversions below target (or history), inventory past its SLA, stages over capacity.',
      security: BEARER,
      querystring: z.object({ ...periodRange, unit, at }).superRefine(onePeriodForm),
      response: { 200: documented('Diagnosis: findings[] (ranked), and what they were measured on'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      const { findings, ...about } = await services.diagnose({ ...rangeOf(q), unit: q.unit, at: atDate(q.at) });
      // Findings first, as the CLI prints them.
      return { findings, ...about };
    },
  });

  app.get('/api/reports/scorecard', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'The accountability scorecard per team and owner',
      description: 'As `tandem scorecard`: stages owned, target vs actual conversion, SLA compliance, volume handed on, and each team’s part of `goal`.',
      security: BEARER,
      querystring: z.object({
        period: period.optional().describe('people who entered the funnel in this period (default: all)'),
        goal: amount.optional().describe('the shared revenue goal for the period, in major units'),
        unit,
        at,
      }),
      response: { 200: documented('Scorecard: teams[], owners[], goal'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.scorecard({ period: q.period ?? null, goal: q.goal ?? null, unit: q.unit, at: atDate(q.at) });
    },
  });

  app.get('/api/reports/plan', {
    config: { permission: 'read' },
    schema: {
      tags: ['reports'],
      summary: 'Plan backwards from a revenue goal: how many people each stage must take in, and when',
      description: 'As `tandem plan` on the observed rates (the `--rates` scenario file is CLI-only: the server reads no files named by a request).',
      security: BEARER,
      querystring: z.object({
        revenue: amount.describe('the revenue goal in the model currency, major units (e.g. 3000000)'),
        period: period.describe('the goal period: 2025-Q3, 2025-07, or FROM..TO'),
        history: period.optional().describe('observe rates over the people who entered in this period (default: all history)'),
        at,
      }),
      response: { 200: documented('Plan: stages[] with the volume needed and when'), ...errors },
    },
    handler: async (request) => {
      const q = request.query;
      return services.plan({ revenue: q.revenue, period: q.period, history: q.history ?? null, ratesFile: null, at: atDate(q.at) });
    },
  });
};
