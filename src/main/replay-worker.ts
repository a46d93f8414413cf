/**
 * One id range of a full replay in a worker thread: opens its own connection, rebuilds the
 * replay context the main thread uses, and sends each computed page of timelines to the main
 * thread, which writes them. At most PAGES_AHEAD pages wait unwritten.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeTimelinePages, replayVersion } from '../app/replay.js';
import type { PersonRange } from '../app/replay.js';
import { parseFunnelModel } from '../config/load-funnel-model.js';
import { openStore } from '../store/open-store.js';
import { followUpProviders } from './follow-up.js';
import { PAGES_AHEAD } from './parallel-replay.js';
import type { ReplayJob, ReplayWorkerMessage } from './parallel-replay.js';
import { activeProviders } from './qualification-services.js';

const job = workerData as ReplayJob & { range: PersonRange };
const port = parentPort!;
let unwritten = 0;
let release: (() => void) | null = null;
port.on('message', () => {
  unwritten--;
  release?.();
  release = null;
});
const send = (m: ReplayWorkerMessage): void => port.postMessage(m);

// The main thread migrated the schema; this connection only scans persons and activities in id order.
const store = await openStore(job.location, { migrate: false, cacheMiB: 16 });
try {
  const model = parseFunnelModel(job.funnel.text, job.funnel.file);
  const ctx = { model, providers: [...(await activeProviders(store)), ...(await followUpProviders(store, model))], at: job.at };
  if (replayVersion(ctx) !== job.version) throw new Error(`replays under ${replayVersion(ctx)}, not ${job.version}: a model changed meanwhile`);
  for await (const timelines of computeTimelinePages(store.replay, ctx, job.range)) {
    while (unwritten >= PAGES_AHEAD) await new Promise<void>((resolve) => (release = resolve));
    unwritten++;
    // Prepared here: the main thread only writes (and the rows copy between threads far cheaper than timelines).
    send({ kind: 'page', prepared: store.replay.prepareTimelines(timelines) });
  }
  send({ kind: 'done' });
} catch (e) {
  send({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
} finally {
  await store.close();
  port.close();
}
