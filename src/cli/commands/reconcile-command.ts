import { Option } from 'commander';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import { PERIOD_GRAINS } from '../../domain/period-grain.js';
import type { PeriodGrain } from '../../domain/period-grain.js';
import type { CliIo } from '../cli-io.js';
import { reconcileTables } from '../reconcile-tables.js';
import { render } from '../render.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

export function reconcileCommand(program: Command, open: OpenServices, io: CliIo): Command {
  return program
    .command('reconcile')
    .description('Where the marketing-automation system and the CRM disagree, why, and which value Tandem uses: identity, conflicts, counts')
    .addOption(new Option('--period <grain>', 'periods the counts are cut into').choices(PERIOD_GRAINS).default('quarter'))
    .option('--from <date>', 'count only records and persons dated on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'count only records and persons dated on or before this date (YYYY-MM-DD)')
    .option('--limit <n>', 'longest list printed in table and md formats (json and csv list everything)', '50')
    .addOption(formatOption())
    .addHelpText('after', '\nSource precedence (which system wins each field) is set in the funnel model\'s `precedence` section; see `tandem model init`.')
    .action(async (opts: { period: PeriodGrain; from?: string; to?: string; limit: string; format: OutputFormat }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 0) throw new TandemError('BAD_INPUT', `--limit must be a whole number, not "${opts.limit}"`, { place: { field: 'limit' } });
      const services = await open(io.db(program));
      try {
        const report = await services.reconcile({ grain: opts.period, from: opts.from ?? null, to: opts.to ?? null });
        const textual = opts.format === 'table' || opts.format === 'md';
        io.out(render(opts.format, reconcileTables(report, textual ? limit : null), report));
      } finally {
        await services.close();
      }
    });
}
