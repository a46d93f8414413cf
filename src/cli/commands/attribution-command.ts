import { Option } from 'commander';
import type { Command } from 'commander';
import { ATTRIBUTION_KEYS } from '../../domain/attribute-opportunity.js';
import type { AttributionKey } from '../../domain/attribute-opportunity.js';
import { ATTRIBUTION_MODELS } from '../../domain/attribution-model.js';
import type { AttributionModel } from '../../domain/attribution-model.js';
import { TandemError } from '../../domain/errors.js';
import type { OpenServices } from '../../app/services.js';
import { attributionTables, comparisonTables, influenceTables } from '../attribution-tables.js';
import type { CliIo } from '../cli-io.js';
import { render } from '../render.js';
import { OUTPUT_FORMATS } from '../table-data.js';
import type { OutputFormat } from '../table-data.js';

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new TandemError('BAD_INPUT', `--${name} must be a number of days, not "${value}"`, { place: { field: name } });
    return n;
  };
}

function atOf(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new TandemError('BAD_INPUT', `--at must be a date or time like 2024-06-30, not "${value}"`, { place: { field: 'at' } });
  return d;
}

interface AttributionOptions {
  model: AttributionModel;
  by: AttributionKey;
  from?: string;
  to?: string;
  currency?: string;
  halfLife?: number;
  at?: string;
  compareModels?: boolean;
  cohort?: boolean;
  format: OutputFormat;
}

/**
 * The subcommand's options, with those the parent `report` command took for itself. Commander
 * lets `report` parse --from/--to/--by/--format/--at wherever they stand (program options must
 * stay valid after subcommands, so positional options are not an option), so a value typed after
 * `report attribution` may land on `report`: take it from there, and check it as ours.
 */
function ownOptions<T extends object>(command: Command): T {
  const own = command.opts<Record<string, unknown>>();
  const parent = command.parent;
  if (!parent) return own as T;
  const merged: Record<string, unknown> = { ...own };
  for (const option of command.options) {
    const name = option.attributeName();
    if (command.getOptionValueSource(name) === 'cli') continue;
    if (parent.getOptionValueSource(name) !== 'cli') continue;
    const value = parent.getOptionValue(name) as unknown;
    if (option.argChoices && !option.argChoices.includes(String(value))) {
      throw new TandemError('BAD_INPUT', `${option.long} must be one of ${option.argChoices.join(', ')}, not "${String(value)}"`, { place: { field: name } });
    }
    merged[name] = value;
  }
  return merged as T;
}

/** `tandem report attribution` and `tandem report influence`, under the report command. */
export function attributionCommand(report: Command, open: OpenServices, io: CliIo): void {
  const program = report.parent ?? report;
  report
    .command('attribution')
    .description('Credit for pipeline and revenue per team, channel or campaign, under an attribution model (or all of them side by side)')
    .addOption(new Option('--model <name>', 'attribution model').choices(ATTRIBUTION_MODELS).default('w-shaped'))
    .addOption(new Option('--by <key>', 'what to credit').choices(ATTRIBUTION_KEYS).default('channel'))
    .option('--from <date>', 'deals won (revenue) or created (pipeline) on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'deals won or created on or before this date (YYYY-MM-DD)')
    .option('--currency <code>', 'report deals in this currency (default: the only one, else the funnel model\'s)')
    .option('--half-life <days>', 'time-decay half-life in days (default: the funnel model\'s, 7)', positiveNumber('half-life'))
    .option('--at <time>', 'the time deals still open are credited up to (default: now)')
    .option('--compare-models', 'every model side by side, with how much the answer depends on the model')
    .option('--cohort', 'place deals by when their person entered the funnel (as `tandem report` counts revenue), not by creation and close')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addHelpText(
      'after',
      '\nExamples:\n  tandem report attribution --model linear --by channel --from 2024-01-01 --to 2024-06-30\n  tandem report attribution --model sourced --by team          # marketing- vs sales-sourced\n  tandem report attribution --compare-models --by team --format md',
    )
    .action(async (_: unknown, command: Command) => {
      const opts = ownOptions<AttributionOptions>(command);
      const services = await open(io.db(program));
      try {
        const request = {
          by: opts.by,
          from: opts.from ?? null,
          to: opts.to ?? null,
          currency: opts.currency ?? null,
          halfLifeDays: opts.halfLife ?? null,
          basis: opts.cohort ? ('cohort' as const) : ('close' as const),
          at: atOf(opts.at),
        };
        if (opts.compareModels) {
          const c = await services.compareAttributionModels({ ...request, models: ATTRIBUTION_MODELS });
          io.out(render(opts.format, comparisonTables(c), c));
        } else {
          const r = await services.attributionReport({ ...request, model: opts.model });
          io.out(render(opts.format, attributionTables(r), r));
        }
      } finally {
        await services.close();
      }
    });

  report
    .command('influence')
    .description('Stage influence: for each funnel transition, which teams, channels or campaigns touched the people who moved, in the window before')
    .addOption(new Option('--by <key>', 'what to count').choices(ATTRIBUTION_KEYS).default('channel'))
    .option('--from <date>', 'moves on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'moves on or before this date (YYYY-MM-DD)')
    .option('--window <days>', 'touches this many days before a move count (default: the funnel model\'s, 30)', positiveNumber('window'))
    .option('--top <n>', 'rows per transition (0: all)', (v) => {
      if (!/^\d+$/.test(v)) throw new TandemError('BAD_INPUT', `--top must be a whole number, not "${v}"`, { place: { field: 'top' } });
      return Number(v);
    }, 10)
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .action(async (_: unknown, command: Command) => {
      const opts = ownOptions<{ by: AttributionKey; from?: string; to?: string; window?: number; top: number; format: OutputFormat }>(command);
      const services = await open(io.db(program));
      try {
        const r = await services.stageInfluence({ by: opts.by, from: opts.from ?? null, to: opts.to ?? null, windowDays: opts.window ?? null });
        io.out(render(opts.format, influenceTables(r, opts.top), r));
      } finally {
        await services.close();
      }
    });
}
