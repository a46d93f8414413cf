import { Option } from 'commander';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import type { CliIo } from '../cli-io.js';
import { funnelTables } from '../funnel-tables.js';
import { render } from '../render.js';
import { funnelHtml } from '../funnel-html.js';
import { basisOption, parseAt, unitOption } from '../report-options.js';
import type { FunnelUnit } from '../../domain/funnel-unit.js';
import type { ReportBasis } from '../../domain/report-basis.js';
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
    .addOption(unitOption())
    .addOption(basisOption())
    .option('--a <period>', 'with --format html: the first period of the comparison (default: first half of the months reported)')
    .option('--b <period>', 'with --format html: the second period of the comparison (default: second half)')
    .addOption(formatOption())
    .action(async (opts: { from?: string; to?: string; by?: string; at?: string; unit: FunnelUnit; basis: ReportBasis; a?: string; b?: string; format: OutputFormat }) => {
      const services = await open(io.db(program));
      try {
        const at = parseAt(opts.at);
        const r = await services.funnelReport({ from: opts.from ?? null, to: opts.to ?? null, by: opts.by ?? null, unit: opts.unit, basis: opts.basis, at });
        const tables = funnelTables(r);
        const html = opts.format === 'html' ? await funnelHtml(services, r, tables, { a: opts.a, b: opts.b, basis: opts.basis, at }) : undefined;
        io.out(render(opts.format, html?.tables ?? tables, r, html));
      } finally {
        await services.close();
      }
    });
  return report;
}
