import { Option } from 'commander';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { COHORT_GRAINS } from '../../domain/cohort-report.js';
import type { CohortGrain } from '../../domain/cohort-report.js';
import { MAIN_STAGES } from '../../domain/stage.js';
import type { MainStageId } from '../../domain/stage.js';
import type { CliIo } from '../cli-io.js';
import { TandemError } from '../../domain/errors.js';
import { subcommandOptions } from './subcommand-options.js';
import { cohortTables } from '../cohort-tables.js';
import { cohortCharts } from '../html/cohort-charts.js';
import { render } from '../render.js';
import { addCommonOptions, parseAt } from '../report-options.js';
import type { CommonReportOptions } from '../report-options.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';
import { periodOptions, resolvePeriod } from './period-options.js';
import type { PeriodOptions } from './period-options.js';

/** `tandem report cohorts`: cohorts by funnel-entry month or quarter, share reaching each stage, time to stage. */
export function cohortsCommand(report: Command, program: Command, open: OpenServices, io: CliIo): Command {
  const cmd = report
    .command('cohorts')
    .description('Cohorts of people entering the funnel: share reaching each later stage, time to stage (median, p75, p90), and a triangle by age')
    .addOption(new Option('--by <grain>', 'cohort by month or quarter of funnel entry (default: month)').choices(COHORT_GRAINS))
    .option('--split <field>', 'split every cohort by a person field (source, owner, …) or imported column')
    .addOption(new Option('--stage <stage>', 'the stage the triangle follows').choices(MAIN_STAGES).default('won'));
  periodOptions(cmd);
  addCommonOptions(cmd)
    .addOption(formatOption())
    .action(async () => {
      const opts = subcommandOptions<PeriodOptions & CommonReportOptions & { by?: string; split?: string; stage: MainStageId; format: OutputFormat }>(cmd);
      const grain = opts.by ?? 'month';
      if (!(COHORT_GRAINS as readonly string[]).includes(grain)) {
        throw new TandemError('BAD_INPUT', `--by must be month or quarter for cohorts, not "${grain}" (use --split to split by a field)`, { place: { field: 'by' } });
      }
      const period = resolvePeriod(opts);
      const services = await open(io.db(program));
      try {
        const r = await services.cohortReport({ grain: grain as CohortGrain, ...period, split: opts.split ?? null, unit: opts.unit, stage: opts.stage, at: parseAt(opts.at) });
        const tables = cohortTables(r);
        io.out(render(opts.format, tables, r, { title: 'Tandem: funnel cohorts', subtitle: tables[0]?.title, charts: cohortCharts('cohorts', r) }));
      } finally {
        await services.close();
      }
    });
  return cmd;
}
