/**
 * `tandem model backtest` as a process of its own, for the bench: prints the report's main
 * figures with the wall time, the CPU time (every thread) and the peak RSS of this process alone —
 * the bench process itself also holds the data generator's connection and cache.
 * Usage: node dist/bench/backtest-process.js DB MODEL_FILE AT
 */
import { openServices } from '../main/services.js';

const [location, modelFile, at] = process.argv.slice(2);
if (!location || !modelFile || !at) throw new Error('usage: backtest-process DB MODEL_FILE AT');
const services = await openServices(location);
try {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await services.backtestModel(modelFile, { from: null, to: null, at: new Date(at) });
  const u = process.cpuUsage(c);
  process.stdout.write(
    `${JSON.stringify({
      qualified: r.qualified,
      recall: r.recall,
      auc: r.auc,
      seconds: (performance.now() - t) / 1000,
      cpuSeconds: (u.user + u.system) / 1e6,
      rssMiB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
} finally {
  await services.close();
}
