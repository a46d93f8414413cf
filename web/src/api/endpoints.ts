/**
 * Every route the dashboard calls, by method and OpenAPI path. The client only calls through
 * these, and a test checks each one exists in the server's /openapi.json with that method.
 */
export const ENDPOINTS = {
  me: ['GET', '/api/me'],
  funnel: ['GET', '/api/reports/funnel'],
  diagnose: ['GET', '/api/reports/diagnose'],
  compare: ['GET', '/api/reports/compare'],
  cohorts: ['GET', '/api/reports/cohorts'],
  scorecard: ['GET', '/api/reports/scorecard'],
  queues: ['GET', '/api/queues'],
  persons: ['GET', '/api/persons'],
  person: ['GET', '/api/persons/{id}'],
  explain: ['GET', '/api/persons/{id}/explain'],
  proposals: ['GET', '/api/proposals'],
  proposal: ['GET', '/api/proposals/{id}'],
  approve: ['POST', '/api/proposals/{id}/approve'],
  reject: ['POST', '/api/proposals/{id}/reject'],
  imports: ['GET', '/api/imports'],
  importRun: ['GET', '/api/imports/{id}'],
  importRejects: ['GET', '/api/imports/{id}/rejects'],
  audit: ['GET', '/api/audit'],
} as const satisfies Record<string, readonly ['GET' | 'POST', string]>;

/** Endpoints a server may lack (none today; the screens say so when diagnose or explain answer 404). */
export const OPTIONAL_ENDPOINTS: readonly EndpointName[] = [];

export type EndpointName = keyof typeof ENDPOINTS;
