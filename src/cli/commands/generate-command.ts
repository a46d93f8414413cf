import type { Command } from 'commander';
import { TandemError } from '../../domain/errors.js';
import { generateScaleExports } from '../../demo/generate-scale-exports.js';
import type { CliIo } from '../cli-io.js';
import { progressBar } from '../progress.js';

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new TandemError('BAD_INPUT', `--${name} must be a whole number ≥ 0, not "${value}"`, { place: { field: name } });
  return n;
}

/** `tandem generate`: synthetic exports of both systems at any scale, streamed to disk, with a manifest. */
export function generateCommand(program: Command, io: CliIo): void {
  program
    .command('generate')
    .description('Write synthetic HubSpot + Salesforce exports (and manifest.yaml) for N persons, for tests and benchmarks')
    .requiredOption('--out <dir>', 'folder to write the exports into')
    .option('--persons <n>', 'how many persons', '10000')
    .option('--activities-per-person <k>', 'marketing and sales touches per person (at most)', '10')
    .option('--seed <n>', 'random seed: the same seed writes the same files', '1')
    .addHelpText('after', '\nThen: tandem import --db big.db DIR\nExample:\n  tandem generate --persons 1000000 --activities-per-person 10 --seed 7 --out /tmp/big')
    .action(async (opts: { out: string; persons: string; activitiesPerPerson: string; seed: string }) => {
      const persons = positiveInt('persons', opts.persons);
      const bar = progressBar();
      const started = performance.now();
      const counts = await generateScaleExports({
        persons,
        activitiesPerPerson: positiveInt('activities-per-person', opts.activitiesPerPerson),
        seed: positiveInt('seed', opts.seed),
        out: opts.out,
        onProgress: (done, total) => bar.update(done, total, 'generating'),
      });
      bar.stop();
      const seconds = (performance.now() - started) / 1000;
      for (const [file, rows] of Object.entries(counts)) io.out(`${file}: ${rows.toLocaleString('en-US')} rows`);
      io.out(`${persons.toLocaleString('en-US')} persons in ${seconds.toFixed(1)} s → ${opts.out} (import with: tandem import ${opts.out})`);
    });
}
