import type { Kysely } from 'kysely';
import type { AttributionQuery, AttributionStore, StageTouchQuery } from '../app/ports/attribution-store.js';
import type { DialectHelpers } from './dialects/dialect-helpers.js';
import { attributionData } from './queries/attribution-data.js';
import { stageTouches } from './queries/stage-touches.js';
import type { Database } from './schema.js';

export class KyselyAttributionStore implements AttributionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly helpers: DialectHelpers,
  ) {}

  attributionData(query: AttributionQuery): ReturnType<AttributionStore['attributionData']> {
    return attributionData(this.db, query);
  }

  stageTouches(query: StageTouchQuery): ReturnType<AttributionStore['stageTouches']> {
    return stageTouches(this.db, this.helpers, query);
  }
}
