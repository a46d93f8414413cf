import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import type { CliIo } from '../cli-io.js';
import { explainTables } from '../qualification-tables.js';
import { render } from '../render.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

export function personCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const person = program.command('person').description('One person: why they stand where they stand');
  person
    .command('explain')
    .description('Score, rules that fired with their points, grade, and the stage timeline with the reason for each move')
    .argument('<id>', 'person id, email, or id in a source system')
    .option('--at <time>', 'evaluation time (default: now)')
    .option('--version <version>', 'show the timeline stored under this replay version (older models stay queryable)')
    .addOption(formatOption())
    .action(async (id: string, opts: { at?: string; version?: string; format: OutputFormat }) => {
      const at = opts.at ? new Date(opts.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new TandemError('BAD_INPUT', `--at must be a date or time, not "${opts.at}"`, { place: { field: 'at' } });
      const services = await open(io.db(program));
      try {
        const e = await services.explainPerson(id, { at, version: opts.version ?? null });
        io.out(render(opts.format, explainTables(e), e));
      } finally {
        await services.close();
      }
    });
  return person;
}
