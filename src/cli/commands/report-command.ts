import { Option } from 'commander';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import type { CliIo } from '../cli-io.js';
import { funnelTables } from '../funnel-tables.js';
import { render } from '../render.js';
import { OUTPUT_FORMATS } from '../table-data.js';
import type { OutputFormat } from '../table-data.js';

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table');
}

export function reportCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const report = program
    .command('report')
    .description('The funnel report: per stage reached, conversion, time to next stage, inventory, SLA; and revenue')
    .option('--from <date>', 'people who entered the funnel on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'people who entered the funnel on or before this date (YYYY-MM-DD)')
    .option('--by <field>', 'split every figure by a person field (source, owner, country, industry, …) or an imported column in snake_case')
    .option('--at <time>', 'the time SLA ageing is measured at (default: now)')
    .addOption(formatOption())
    .action(async (opts: { from?: string; to?: string; by?: string; at?: string; format: OutputFormat }) => {
      const services = await open(io.db(program));
      try {
        const r = await services.funnelReport({
          from: opts.from ?? null,
          to: opts.to ?? null,
          by: opts.by ?? null,
          at: opts.at ? new Date(opts.at) : new Date(),
        });
        io.out(render(opts.format, funnelTables(r), r));
      } finally {
        await services.close();
      }
    });
  return report;
}
