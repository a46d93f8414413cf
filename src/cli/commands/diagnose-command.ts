import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { diagnosisTables } from '../accountability-tables.js';
import type { CliIo } from '../cli-io.js';
import { findingsChart } from '../html/accountability-charts.js';
import { render } from '../render.js';
import { addCommonOptions, parseAt } from '../report-options.js';
import type { CommonReportOptions } from '../report-options.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';
import { periodOptions, resolvePeriod } from './period-options.js';
import type { PeriodOptions } from './period-options.js';

/** `tandem diagnose`: where the funnel is plugged, whose stage it is, and what fixing it is worth. */
export function diagnoseCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const cmd = program
    .command('diagnose')
    .description('Rank the bottlenecks by revenue at stake: conversions below target (or history), inventory past its SLA, stages over capacity — each with its owner');
  periodOptions(cmd);
  addCommonOptions(cmd)
    .addOption(formatOption())
    .action(async (opts: PeriodOptions & CommonReportOptions & { format: OutputFormat }) => {
      const period = resolvePeriod(opts);
      const services = await open(io.db(program));
      try {
        const d = await services.diagnose({ ...period, unit: opts.unit, at: parseAt(opts.at) });
        const { findings, ...about } = d;
        const json = { findings, ...about };
        io.out(render(opts.format, diagnosisTables(d), json, { title: 'Tandem: diagnosis', highlights: d.findings.slice(0, 3).map((f) => f.summary), charts: [findingsChart('findings', d)] }));
      } finally {
        await services.close();
      }
    });
  return cmd;
}
