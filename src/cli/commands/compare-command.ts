import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import type { ReportBasis } from '../../domain/report-basis.js';
import type { CliIo } from '../cli-io.js';
import { TandemError } from '../../domain/errors.js';
import { subcommandOptions } from './subcommand-options.js';
import { compareTables } from '../compare-tables.js';
import { compareCharts } from '../html/compare-charts.js';
import { funnelChart } from '../html/funnel-charts.js';
import { render } from '../render.js';
import { addCommonOptions, basisOption, parseAt } from '../report-options.js';
import type { CommonReportOptions } from '../report-options.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

/** `tandem report compare --a 2024-Q2 --b 2024-Q4`: every funnel figure side by side, with the change. */
export function compareCommand(report: Command, program: Command, open: OpenServices, io: CliIo): Command {
  const cmd = report
    .command('compare')
    .description('Two periods side by side (quarter 2024-Q2, month 2024-05, or FROM..TO): every funnel figure with absolute and relative change')
    .option('--a <period>', 'the first period (required)')
    .option('--b <period>', 'the second period (required)')
    .option('--by <field>', 'split every figure by a person field (source, owner, …) or imported column')
    .addOption(basisOption());
  addCommonOptions(cmd)
    .addOption(formatOption())
    .action(async () => {
      const opts = subcommandOptions<CommonReportOptions & { a?: string; b?: string; by?: string; basis: ReportBasis; format: OutputFormat }>(cmd);
      if (opts.a === undefined || opts.b === undefined) {
        throw new TandemError('BAD_INPUT', 'report compare needs two periods: --a 2024-Q2 --b 2024-Q4', { place: { field: opts.a === undefined ? 'a' : 'b' } });
      }
      const services = await open(io.db(program));
      try {
        const r = await services.compareReport({ a: opts.a, b: opts.b, by: opts.by ?? null, unit: opts.unit, basis: opts.basis, at: parseAt(opts.at) });
        io.out(
          render(opts.format, compareTables(r), r, {
            title: `Tandem: ${r.a.period} vs ${r.b.period}`,
            charts: [...compareCharts('compare', r), funnelChart('compare-funnel-a', `Funnel ${r.a.period}`, r.a), funnelChart('compare-funnel-b', `Funnel ${r.b.period}`, r.b)],
          }),
        );
      } finally {
        await services.close();
      }
    });
  return cmd;
}
