import type { Kysely } from 'kysely';
import type { CohortAggregates, CohortFilter, CohortQuery, FunnelQuery, ReportStore, SlaQuery, StageLoadQuery, StageLoadRow } from '../app/ports/report-store.js';
import type { SlaTally } from '../domain/scorecard.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { cohortAggregates } from './queries/cohort-aggregates.js';
import { funnelAggregates } from './queries/funnel-aggregates.js';
import { slaCompliance } from './queries/sla-compliance.js';
import { stageLags } from './queries/stage-lags.js';
import { stageLoads } from './queries/stage-loads.js';
import type { MainStageId } from '../domain/stage.js';
import type { Database } from './schema.js';

export class KyselyReportStore implements ReportStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly helpers: DialectHelpers,
  ) {}

  funnelAggregates(query: FunnelQuery): ReturnType<ReportStore['funnelAggregates']> {
    return funnelAggregates(this.db, this.helpers, query);
  }

  cohortAggregates(query: CohortQuery): Promise<CohortAggregates> {
    return cohortAggregates(this.db, this.helpers, query);
  }

  stageLoads(query: StageLoadQuery): Promise<StageLoadRow[]> {
    return stageLoads(this.db, this.helpers, query);
  }

  slaCompliance(query: SlaQuery): Promise<SlaTally[]> {
    return slaCompliance(this.db, this.helpers, query);
  }

  stageLags(query: CohortFilter): Promise<Partial<Record<MainStageId, number>>> {
    return stageLags(this.db, this.helpers, query);
  }
}
