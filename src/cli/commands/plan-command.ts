import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { planTables } from '../accountability-tables.js';
import type { CliIo } from '../cli-io.js';
import { planChart } from '../html/accountability-charts.js';
import { render } from '../render.js';
import { parseAmount, parseAt } from '../report-options.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

/** `tandem plan --revenue 3000000 --period 2025-Q3`: the reverse waterfall. */
export function planCommand(program: Command, open: OpenServices, io: CliIo): Command {
  return program
    .command('plan')
    .description('Plan backwards from a revenue goal: how many people each stage must take in, and when (lags shift demand earlier)')
    .requiredOption('--revenue <amount>', 'the revenue goal, in the model currency (major units, e.g. 3000000)')
    .requiredOption('--period <period>', 'the goal period: 2025-Q3, 2025-07, or FROM..TO')
    .option('--rates <file>', 'a YAML scenario: averageSellingPrice and per-stage conversion and lagDays replacing the observed ones')
    .option('--history <period>', 'observe rates over the people who entered in this period (default: all history)')
    .option('--at <time>', '"now" (default: now)')
    .addOption(formatOption())
    .action(async (opts: { revenue: string; period: string; rates?: string; history?: string; at?: string; format: OutputFormat }) => {
      const services = await open(io.db(program));
      try {
        const p = await services.plan({
          revenue: parseAmount(opts.revenue, 'revenue'),
          period: opts.period,
          history: opts.history ?? null,
          ratesFile: opts.rates ?? null,
          at: parseAt(opts.at),
        });
        io.out(render(opts.format, planTables(p), p, { title: `Tandem: plan for ${p.period}`, charts: [planChart('plan', p)] }));
      } finally {
        await services.close();
      }
    });
}
