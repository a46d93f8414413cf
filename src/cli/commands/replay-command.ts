import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import type { CliIo } from '../cli-io.js';
import { progressBar } from '../progress.js';
import { formatNumber } from '../render.js';

export function replayCommand(program: Command, open: OpenServices, io: CliIo): void {
  program
    .command('replay')
    .description("Replay every person's activities through the funnel model (rebuilds transitions, spans and journeys)")
    .option('--model <file>', 'a funnel model YAML to replay under (it becomes the active model)')
    .action(async (opts: { model?: string }) => {
      const services = await open(io.db(program));
      const bar = progressBar();
      try {
        const r = await services.replay(opts.model ?? null, (p) => bar.update(p.done, p.total, 'replaying'));
        bar.stop();
        io.out(`Replayed ${formatNumber(r.persons)} persons under ${r.modelVersion}: ${formatNumber(r.transitions)} transitions.`);
      } finally {
        bar.stop();
        await services.close();
      }
    });
}
