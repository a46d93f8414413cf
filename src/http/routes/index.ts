import type { RouteModule } from '../route-context.js';
import { accountabilityRoutes } from './accountability-routes.js';
import { attributionRoutes } from './attribution-routes.js';
import { auditRoutes } from './audit-routes.js';
import { contentRoutes } from './content-routes.js';
import { followUpRoutes } from './follow-up-routes.js';
import { healthRoutes } from './health-routes.js';
import { importRoutes } from './import-routes.js';
import { ingestRoutes } from './ingest-routes.js';
import { modelRoutes } from './model-routes.js';
import { personRoutes } from './person-routes.js';
import { proposalRoutes } from './proposal-routes.js';
import { reconcileRoutes } from './reconcile-routes.js';
import { reportRoutes } from './report-routes.js';
import { userRoutes } from './user-routes.js';
import { webhookRoutes } from './webhook-routes.js';

/**
 * Every route group the server mounts. A capability that lands adds its module here, and a
 * line to REPORTS in report-routes.ts when it is a report.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [
  healthRoutes,
  userRoutes,
  reportRoutes,
  accountabilityRoutes,
  followUpRoutes,
  attributionRoutes,
  reconcileRoutes,
  modelRoutes,
  proposalRoutes,
  auditRoutes,
  ingestRoutes,
  webhookRoutes,
  importRoutes,
  personRoutes,
  contentRoutes,
];
