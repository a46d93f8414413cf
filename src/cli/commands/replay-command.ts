import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import type { CliIo } from '../cli-io.js';
import { progressBar } from '../progress.js';
import { formatNumber } from '../render.js';

/** What `--workers` defaults to (main/parallel-replay.ts DEFAULT_PARALLEL_REPLAY). */
const DEFAULT_WORKERS = 'one per core, at most 3, from 100,000 persons';

export function replayCommand(program: Command, open: OpenServices, io: CliIo): void {
  program
    .command('replay')
    .description("Replay every person's activities through the funnel model (rebuilds transitions, spans and journeys)")
    .option('--model <file>', 'a funnel model YAML to replay under (it becomes the active model)')
    .option(
      '--workers <n>',
      `worker threads that read and compute timelines while this one writes (SQLite only; 0 = none; default: ${DEFAULT_WORKERS})`,
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 16) throw new InvalidArgumentError('a whole number from 0 to 16');
        return n;
      },
    )
    .action(async (opts: { model?: string; workers?: number }) => {
      const services = await open(io.db(program));
      const bar = progressBar();
      try {
        const r = await services.replay(opts.model ?? null, (p) => bar.update(p.done, p.total, 'replaying'), opts.workers === undefined ? undefined : { workers: opts.workers });
        bar.stop();
        io.out(`Replayed ${formatNumber(r.persons)} persons under ${r.modelVersion}: ${formatNumber(r.transitions)} transitions.`);
      } finally {
        bar.stop();
        await services.close();
      }
    });
}
