import type { Services } from '../app/services.js';
import { openServices } from '../main/services.js';

/**
 * Runs one piece of work of a bench in this process (started for it alone) and prints, as one
 * JSON line, what the work returns with its wall time, its CPU time (every thread) and the peak
 * RSS of this process: the figures are the work's own, not the bench process's.
 */
export async function printTimedInOwnProcess(location: string, work: (services: Services) => Promise<Record<string, unknown>>): Promise<void> {
  const services = await openServices(location);
  try {
    const t = performance.now();
    const c = process.cpuUsage();
    const figures = await work(services);
    const u = process.cpuUsage(c);
    process.stdout.write(
      `${JSON.stringify({
        ...figures,
        seconds: (performance.now() - t) / 1000,
        cpuSeconds: (u.user + u.system) / 1e6,
        rssMiB: process.resourceUsage().maxRSS / 1024,
      })}\n`,
    );
  } finally {
    await services.close();
  }
}
