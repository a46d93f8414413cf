import type { Kysely } from 'kysely';
import type { FunnelQuery, ReportStore } from '../app/ports/report-store.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { funnelAggregates } from './queries/funnel-aggregates.js';
import type { Database } from './schema.js';

export class KyselyReportStore implements ReportStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly helpers: DialectHelpers,
  ) {}

  funnelAggregates(query: FunnelQuery): ReturnType<ReportStore['funnelAggregates']> {
    return funnelAggregates(this.db, this.helpers, query);
  }
}
