import { copyFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { TandemError } from '../../domain/errors.js';
import { DEFAULT_FUNNEL_MODEL_PATH, loadFunnelModel } from '../../config/load-funnel-model.js';
import type { CliIo } from '../cli-io.js';

export function modelCommand(program: Command, io: CliIo): Command {
  const model = program.command('model').description('The funnel model: stages, owners, responsibilities, entry rules, SLAs and targets');
  model
    .command('init')
    .description('Write the default funnel model to a file for editing')
    .argument('[file]', 'where to write it', 'funnel.yaml')
    .option('--force', 'overwrite an existing file')
    .action((file: string, opts: { force?: boolean }) => {
      if (existsSync(file) && !opts.force) {
        throw new TandemError('BAD_INPUT', `${file} exists; pass --force to overwrite it`, { place: { file } });
      }
      copyFileSync(DEFAULT_FUNNEL_MODEL_PATH, file);
      io.out(`Wrote the default funnel model to ${file}. Edit it, then run: tandem model check ${file}`);
    });
  model
    .command('check')
    .description('Validate a funnel model file; errors name the line and field')
    .argument('<file>', 'the funnel model YAML')
    .action((file: string) => {
      const m = loadFunnelModel(file);
      io.out(`${file} is valid: model ${m.id}, version ${m.version}, ${m.stages.length} stages.`);
    });
  return model;
}
