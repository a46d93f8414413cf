/**
 * One part of a backtest in a worker thread: opens its own connection to the store and runs
 * the persons of its id range through the same code as a single-threaded backtest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktestPart } from '../app/backtest.js';
import { parseFunnelModel } from '../config/load-funnel-model.js';
import { parseQualificationModel } from '../config/qualification/load-qualification-model.js';
import { TandemError } from '../domain/errors.js';
import { QualificationProvider } from '../domain/qualification/qualification-provider.js';
import { followUpProviders } from './follow-up.js';
import { openStore } from '../store/open-store.js';
import type { BacktestJob } from './parallel-backtest.js';

const job = workerData as BacktestJob & { range: { after: string | null; until: string | null } };
// The parent already brought the schema up to date; this connection only reads.
const store = await openStore(job.location, { migrate: false, scanReader: true });
try {
  const model = parseFunnelModel(job.funnel.text, job.funnel.file);
  const providers = job.followUp === null ? [] : await followUpProviders(store, model);
  const found = providers.map((p) => p.version).join() || null;
  if (found !== job.followUp) throw new TandemError('CONFLICT', `the follow-up definitions changed during the backtest (${job.followUp} → ${found}): run it again`);
  const ctx = { model, providers, at: job.at };
  const candidates = job.models.map((m) => new QualificationProvider(parseQualificationModel(m.text, m.file)));
  const part = await runBacktestPart(store.qualification, ctx, candidates, { from: job.from, to: job.to, range: job.range });
  parentPort!.postMessage(part);
} finally {
  await store.close();
}
