import { existsSync, writeFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import { SUGGEST_OUTCOMES } from '../../app/collect-value-stats.js';
import type { SuggestOutcome } from '../../app/collect-value-stats.js';
import type { OpenServices } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import { loadQualificationModel } from '../../config/qualification/load-qualification-model.js';
import type { CliIo } from '../cli-io.js';
import { suggestionTables } from '../qualification-tables.js';
import { render } from '../render.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

function number(name: string, text: string, integer = false): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new TandemError('BAD_INPUT', `--${name} must be ${integer ? 'a whole number' : 'a number'}, not "${text}"`, { place: { field: name } });
  }
  return n;
}

export function profileCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const profile = program.command('profile').description('The buyer profile: who the buyer is (fit rules and grades A–D)');
  profile
    .command('check')
    .description('Validate a profile or qualification model file; errors name the line and field')
    .argument('<file>', 'the model YAML')
    .action((file: string) => {
      const { model } = loadQualificationModel(file);
      const g = model.profile.grades;
      io.out(
        `${file} is valid: model ${model.id}, version ${model.version}; ${model.profile.rules.length} fit rules (grades A ≥ ${g.A}, B ≥ ${g.B}, C ≥ ${g.C}), ` +
          `${model.engagement.rules.length} engagement rules; MQL when fit ≥ ${model.thresholds.mql.fit} and total ≥ ${model.thresholds.mql.total}.`,
      );
    });
  profile
    .command('suggest')
    .description('Learn from history which field values separate people who reached the outcome, and write a draft profile')
    .addOption(new Option('--outcome <stage>', 'the stage that counts as success').choices(SUGGEST_OUTCOMES).default('won'))
    .option('--split <fraction>', 'share of people to learn from (a seeded hash of their id); the rest test the draft', '1')
    .option('--seed <n>', 'seed of the split', '1')
    .option('--min-support <n>', 'fewest people a value needs to count', '30')
    .option('--id <id>', 'id of the draft model', 'suggested-profile')
    .option('--out <file>', 'write the draft profile YAML here')
    .option('--force', 'overwrite --out if it exists')
    .option('--limit <n>', 'values to show at each end', '15')
    .option('--at <time>', 'evaluation time (default: now)')
    .addOption(formatOption())
    .action(async (opts: { outcome: SuggestOutcome; split: string; seed: string; minSupport: string; id: string; out?: string; force?: boolean; limit: string; at?: string; format: OutputFormat }) => {
      if (opts.out && existsSync(opts.out) && !opts.force) throw new TandemError('BAD_INPUT', `${opts.out} exists; pass --force to overwrite it`, { place: { file: opts.out } });
      const services = await open(io.db(program));
      try {
        const s = await services.suggestProfile({
          outcome: opts.outcome,
          split: number('split', opts.split),
          seed: number('seed', opts.seed, true),
          minSupport: number('min-support', opts.minSupport, true),
          id: opts.id,
          at: opts.at ? new Date(opts.at) : new Date(),
        });
        if (opts.out) writeFileSync(opts.out, s.draft);
        io.out(render(opts.format, suggestionTables(s, number('limit', opts.limit, true)), s));
        if (opts.format === 'table') io.out(opts.out ? `\nDraft profile written to ${opts.out}. Next: tandem model backtest ${opts.out}` : `\n${s.draft}`);
      } finally {
        await services.close();
      }
    });
  return profile;
}
