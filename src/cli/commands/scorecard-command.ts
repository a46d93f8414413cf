import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { scorecardTables } from '../accountability-tables.js';
import type { CliIo } from '../cli-io.js';
import { scorecardChart } from '../html/accountability-charts.js';
import { render } from '../render.js';
import { addCommonOptions, parseAmount, parseAt } from '../report-options.js';
import type { CommonReportOptions } from '../report-options.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

/** `tandem scorecard`: per team and owner, the stages they own, targets against results, SLA compliance. */
export function scorecardCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const cmd = program
    .command('scorecard')
    .description('The accountability scorecard: per team (marketing, sales, shared) and owner — stages owned, target vs actual conversion, SLA compliance, volume handed on, part of the goal')
    .option('--period <period>', 'people who entered the funnel in this period (2024-Q2, 2024-05, FROM..TO; default: all)')
    .option('--goal <revenue>', 'the shared revenue goal for the period: each team\'s part is planned backwards from it');
  addCommonOptions(cmd)
    .addOption(formatOption())
    .action(async (opts: CommonReportOptions & { period?: string; goal?: string; format: OutputFormat }) => {
      const services = await open(io.db(program));
      try {
        const s = await services.scorecard({
          period: opts.period ?? null,
          goal: opts.goal === undefined ? null : parseAmount(opts.goal, 'goal'),
          unit: opts.unit,
          at: parseAt(opts.at),
        });
        io.out(render(opts.format, scorecardTables(s), s, { title: `Tandem: accountability scorecard${s.period ? ` ${s.period}` : ''}`, charts: [scorecardChart('scorecard', s)] }));
      } finally {
        await services.close();
      }
    });
  return cmd;
}
