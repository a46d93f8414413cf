/**
 * `tandem replay` as a process of its own, for the bench: prints the persons and transitions it
 * wrote with the wall time, the CPU time (every thread) and the peak RSS of this process alone —
 * as a user's `tandem replay` runs, not after an import and its floor in the bench process.
 * Usage: node dist/bench/replay-process.js DB
 */
import { printTimedInOwnProcess } from './own-process.js';

const [location] = process.argv.slice(2);
if (!location) throw new Error('usage: replay-process DB');
await printTimedInOwnProcess(location, async (services) => {
  const r = await services.replay(null);
  return { persons: r.persons, transitions: r.transitions };
});
