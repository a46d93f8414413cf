import { basename } from 'node:path';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { progressBar } from '../progress.js';
import { RejectsWriter } from '../rejects-writer.js';
import { formatNumber } from '../render.js';
import type { CliIo } from '../cli-io.js';

export function importCommand(program: Command, open: OpenServices, io: CliIo): void {
  program
    .command('import')
    .description('Import CSV exports (files, or a folder with a manifest.yaml) into the store, then replay the persons they touched')
    .argument('<files...>', 'CSV files or export folders')
    .option('--preset <name>', 'a bundled mapping set (e.g. olist, x-education, hubspot-contacts); see `tandem presets`')
    .option('--mapping <file>', 'a mapping file (YAML) saying which column feeds each field')
    .option('--encoding <name>', 'file encoding: utf-8, windows-1252, latin1, utf-16le, utf-16be (default: detected)')
    .option('--rejects <file>', 'where to write rejected rows', 'tandem-rejects.csv')
    .option('--no-replay', 'do not replay after importing')
    .addHelpText('after', '\nExamples:\n  tandem import --preset olist ../shared/data/olist-marketing-funnel/*.csv\n  tandem import --mapping my-crm.yaml leads.csv\n  tandem import ./exports   # a folder with manifest.yaml')
    .action(async (files: string[], opts: { preset?: string; mapping?: string; encoding?: string; rejects: string; replay: boolean }) => {
      const services = await open(io.db(program));
      const bar = progressBar();
      const rejects = new RejectsWriter(opts.rejects);
      try {
        const result = await services.importFiles(
          { paths: files, preset: opts.preset, mapping: opts.mapping, encoding: opts.encoding as never, replay: opts.replay, bulk: true },
          {
            onFiles: (fs) => fs.forEach((f) => io.err(`reading ${basename(f.path)} with mapping ${f.mapping}`)),
            onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `importing ${basename(p.file)}`),
            onRejects: (r) => rejects.write(r),
            onReplay: (p) => bar.update(p.done, p.total, 'replaying'),
          },
        );
        bar.stop();
        await rejects.close();
        for (const w of result.warnings) io.err(`warning: ${w}`);
        for (const f of result.files) {
          io.out(`${basename(f.file)}: ${formatNumber(f.rows)} rows as ${f.entity} (${f.mapping}), ${formatNumber(f.rows - f.rejected)} landed, ${formatNumber(f.rejected)} rejected`);
        }
        io.out(`${formatNumber(result.activitiesInserted)} new activities; ${formatNumber(result.replayed)} persons replayed.`);
        if (result.rejected > 0) io.out(`Rejected rows, with row number and reason: ${opts.rejects}`);
      } finally {
        bar.stop();
        await rejects.close();
        await services.close();
      }
    });
}
