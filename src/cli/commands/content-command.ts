import { writeFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { ContentRequest } from '../../app/content-services.js';
import type { OpenServices } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import type { Services } from '../../app/services.js';
import type { CliIo } from '../cli-io.js';
import { candidateTables, coverageTables, influenceTables } from '../content-tables.js';
import { render } from '../render.js';
import { parseAt } from '../report-options.js';
import { OUTPUT_FORMATS } from '../table-data.js';
import type { OutputFormat } from '../table-data.js';
import { resolvePeriod } from './period-options.js';
import type { PeriodOptions } from './period-options.js';

interface ReportOpts extends PeriodOptions {
  readonly at?: string;
  readonly catalogue?: string;
  readonly format: OutputFormat;
}

function reportOptions(command: Command, what: string): Command {
  return command
    .option('--from <date>', `${what} on or after this day (YYYY-MM-DD)`)
    .option('--to <date>', `${what} on or before this day (YYYY-MM-DD)`)
    .option('--period <period>', 'instead of --from/--to: a quarter (2024-Q2), month (2024-05), year, or FROM..TO')
    .option('--at <time>', 'replay people as of this time (default: now)')
    .option('--catalogue <file>', 'a catalogue YAML file instead of the adopted one')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'));
}

const requestOf = (opts: ReportOpts): ContentRequest => ({ ...resolvePeriod(opts), at: parseAt(opts.at).toISOString(), catalogue: opts.catalogue ?? null });

/** `tandem content …`: the stage content catalogue, its coverage, influence and candidates. */
export function contentCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const content = program.command('content').description('The stage content catalogue: what marketing gives sales to send, how both use it, and what goes with conversion');
  const withServices = async (work: (s: Services) => Promise<void>): Promise<void> => {
    const services = await open(io.db(program));
    try {
      await work(services);
    } finally {
      await services.close();
    }
  };
  content
    .command('adopt <file>')
    .description('Validate a catalogue YAML file and store it as the active version')
    .action((file: string) =>
      withServices(async (s) => {
        const c = await s.content.adoptCatalogue(file);
        io.out(`adopted content catalogue ${c.version} (${c.pieces.length} pieces)`);
      }),
    );
  content
    .command('import <csv>')
    .description('Read pieces from a CSV export through a mapping file into a catalogue YAML (bad rows named; good rows kept)')
    .requiredOption('--mapping <file>', 'YAML naming the CSV column of each field (see docs/content.md)')
    .option('--out <file>', 'write the catalogue YAML here (default: standard output)')
    .option('--adopt', 'also adopt the imported catalogue')
    .action((csv: string, opts: { mapping: string; out?: string; adopt?: boolean }) =>
      withServices(async (s) => {
        if (opts.adopt && !opts.out) throw new TandemError('BAD_INPUT', '--adopt needs --out: the adopted catalogue is the file written', { place: { field: 'adopt' } });
        const r = await s.content.importCatalogue(csv, opts.mapping);
        for (const x of r.rejects) io.err(`${csv}: row ${x.row}, ${x.field}: ${x.message}`);
        io.err(`${r.catalogue.pieces.length} pieces imported, ${r.rejects.length} rows rejected (catalogue ${r.catalogue.version})`);
        if (opts.out) writeFileSync(opts.out, r.yaml);
        else io.out(r.yaml.trimEnd());
        if (opts.adopt && opts.out) {
          const c = await s.content.adoptCatalogue(opts.out);
          io.err(`adopted content catalogue ${c.version}`);
        }
      }),
    );
  reportOptions(content.command('coverage').description('For each stage × grade: pieces available, uses by sales and by marketing; the gaps where sales has nothing to send'), 'uses and stays')
    .action((opts: ReportOpts) =>
      withServices(async (s) => {
        const r = await s.content.coverage(requestOf(opts));
        io.out(render(opts.format, coverageTables(r), r, { title: 'Tandem: content coverage', charts: [] }));
      }),
    );
  reportOptions(content.command('influence').description('Per piece and stage: conversion of people who received it vs people at the same stage and grade who did not (association, not proof)'), 'stage entries')
    .action((opts: ReportOpts) =>
      withServices(async (s) => {
        const r = await s.content.influence(requestOf(opts));
        io.out(render(opts.format, influenceTables(r), r, { title: 'Tandem: content influence', charts: [], highlights: [r.warning] }));
      }),
    );
  reportOptions(content.command('candidates').description('URLs that recur in activities but are in no catalogue piece'), 'uses')
    .option('--min-people <n>', 'least number of people a URL reached', '3')
    .action((opts: ReportOpts & { minPeople: string }) =>
      withServices(async (s) => {
        const r = await s.content.candidates({ ...requestOf(opts), minPeople: Number(opts.minPeople) });
        io.out(render(opts.format, candidateTables(r), r, { title: 'Tandem: content candidates', charts: [] }));
      }),
    );
  return content;
}
