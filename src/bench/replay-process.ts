/**
 * `tandem replay` as a process of its own, for the bench: prints the persons and transitions it
 * wrote with the wall time, the CPU time (every thread) and the peak RSS of this process alone —
 * as a user's `tandem replay` runs, not after an import and its floor in the bench process.
 * Usage: node dist/bench/replay-process.js DB
 */
import { openServices } from '../main/services.js';

const [location] = process.argv.slice(2);
if (!location) throw new Error('usage: replay-process DB');
const services = await openServices(location);
try {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await services.replay(null);
  const u = process.cpuUsage(c);
  process.stdout.write(
    `${JSON.stringify({
      persons: r.persons,
      transitions: r.transitions,
      seconds: (performance.now() - t) / 1000,
      cpuSeconds: (u.user + u.system) / 1e6,
      rssMiB: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
} finally {
  await services.close();
}
