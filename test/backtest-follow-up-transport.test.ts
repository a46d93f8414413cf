import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../src/app/backtest.js';
import { BENCH_MODEL } from '../src/bench/bench-model.yaml.js';
import { generateScoringData } from '../src/bench/scoring-data.js';
import { loadFunnelModel } from '../src/config/load-funnel-model.js';
import { parseQualificationModel } from '../src/config/qualification/load-qualification-model.js';
import { QualificationProvider } from '../src/domain/qualification/qualification-provider.js';
import { followUpProviders } from '../src/main/follow-up.js';
import { openStore } from '../src/store/open-store.js';
import type { OpenedStore } from '../src/store/open-store.js';
import { DIALECTS, freshDatabase } from './dialects.js';
import type { TestDatabase } from './dialects.js';

const AT = '2025-06-01T00:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * With the contact policy in the replay context (as `tandem model backtest` runs), the database
 * matching the rules still serves the backtest: a person the policy concerns (handed to sales)
 * is read whole, and the figures equal those of reading every activity of everyone.
 */
describe.each(DIALECTS)('backtest with the follow-up provider on %s', (dialect) => {
  let db: TestDatabase;
  let store: OpenedStore;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    store = await openStore(db.location);
    await generateScoringData(store, 1500, 10);
    // Every third of the first 900 persons is handed to sales and then called and mailed without answer.
    const persons = await store.db.selectFrom('persons').select(['id', 'created_at']).orderBy('id').limit(900).execute();
    const rows = persons
      .filter((_, i) => i % 3 === 0)
      .flatMap((p) => {
        const t0 = Date.parse(p.created_at!) + 30 * DAY;
        const at = (ms: number): string => new Date(t0 + ms).toISOString();
        // Attempts by a person (an actor): the policy does not count automated sends by default.
        const act = (k: string, type: string, ms: number, stage: string | null = null): object => ({
          id: `fu_${p.id}_${k}`, person_id: p.id, source: 'test', external_id: `${p.id}#${k}`, type, occurred_at: at(ms), actor: stage ? null : 'rep@example.com', stage, properties: '{}',
        });
        return [
          act('sal', 'stage_change', 0, 'sal'),
          ...[1 * HOUR, 3 * DAY, 10 * DAY].map((ms, i) => act(`call${i}`, 'call_attempt', ms)),
          ...[2 * HOUR, 6 * DAY, 15 * DAY].map((ms, i) => act(`mail${i}`, 'email_sent', ms)),
        ];
      });
    await store.db.transaction().execute((trx) => store.helpers.insertMany(trx, 'activities', rows));
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('gives the figures of reading every activity, and the policy moves people to unreachable', async () => {
    const model = loadFunnelModel();
    const providers = await followUpProviders(store, model);
    expect(providers).toHaveLength(1);
    const ctx = { model, providers, at: AT };
    const candidate = new QualificationProvider(parseQualificationModel(BENCH_MODEL, 'model'));
    let unreachable = 0;
    let handed = 0;
    const viaDb = await runBacktest(store.qualification, ctx, [candidate], { from: null, to: null }, (p) => {
      if (p.row.activities.some((a) => a.type === 'stage_change')) {
        handed++;
        // Read whole: the policy counts calls and emails, which the funnel alone does not read.
        expect(p.row.activities.some((a) => a.type === 'call_attempt')).toBe(true);
      }
      if (p.timelines[0]!.transitions.some((t) => t.toStage === 'unreachable')) unreachable++;
    });
    const viaRows = await runBacktest(store.qualification, ctx, [candidate], { from: null, to: null, transport: 'rows' });
    expect(viaDb).toEqual(viaRows);
    expect(handed).toBe(300);
    expect(unreachable).toBeGreaterThan(50);
    expect(viaDb.figures[0]!.inquiries).toBe(1500);
  });
});
