import type { RouteModule } from '../route-context.js';
import { auditRoutes } from './audit-routes.js';
import { contentRoutes } from './content-routes.js';
import { healthRoutes } from './health-routes.js';
import { importRoutes } from './import-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import { modelRoutes } from './model-routes.js';
import { personRoutes } from './person-routes.js';
import { proposalRoutes } from './proposal-routes.js';
import { reportRoutes } from './report-routes.js';
import { userRoutes } from './user-routes.js';
import { webhookRoutes } from './webhook-routes.js';

/**
 * Every route group the server mounts. A capability that lands (cohorts, diagnose,
 * scorecard, queues, follow-up, qualification backtests…) adds its module here, and a line
 * to REPORTS in report-routes.ts when it is a report.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  userRoutes,
  reportRoutes,
  modelRoutes,
  proposalRoutes,
  auditRoutes,
  ingestRoutes,
  webhookRoutes,
  importRoutes,
  personRoutes,
  contentRoutes,
];
