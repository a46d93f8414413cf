/**
 * `tandem model backtest` as a process of its own, for the bench: prints the report's main
 * figures with the wall time, the CPU time (every thread) and the peak RSS of this process alone —
 * the bench process itself also holds the data generator's connection and cache.
 * Usage: node dist/bench/backtest-process.js DB MODEL_FILE AT
 */
import { printTimedInOwnProcess } from './own-process.js';

const [location, modelFile, at] = process.argv.slice(2);
if (!location || !modelFile || !at) throw new Error('usage: backtest-process DB MODEL_FILE AT');
await printTimedInOwnProcess(location, async (services) => {
  const r = await services.backtestModel(modelFile, { from: null, to: null, at: new Date(at) });
  return { qualified: r.qualified, recall: r.recall, auc: r.auc };
});
