import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { DEMO_STORY } from '../../demo/demo-story.js';
import { assertSqliteFile, freshSqliteFile } from '../../demo/fresh-sqlite-file.js';
import { generateDemoExports } from '../../demo/generate-demo-exports.js';
import { compareHalves, storySummary } from '../../demo/half-comparison.js';
import { followUpStory } from '../follow-up-story.js';
import { contentStory } from '../content-story.js';
import type { CliIo } from '../cli-io.js';
import { comparisonTable } from '../comparison-table.js';
import { progressBar } from '../progress.js';
import { render } from '../render.js';

/** `tandem demo`: the story of DESIGN.md, generated, imported as a user would, and read as two halves. */
export function demoCommand(program: Command, open: OpenServices, io: CliIo): void {
  program
    .command('demo')
    .description('Generate the demo company (2024, HubSpot + Salesforce exports), import it into a fresh SQLite file, and compare H1 with H2')
    .option('--keep <dir>', 'write the generated exports to this folder and keep them (default: a temporary folder, removed)')
    .addHelpText('after', '\nThe database file (--db, default ./tandem.db) is replaced.\nExample:\n  tandem demo --db demo.db && tandem report --db demo.db --by source')
    .action(async (opts: { keep?: string }) => {
      const db = io.db(program);
      assertSqliteFile(db);
      const dir = opts.keep ?? mkdtempSync(join(tmpdir(), 'tandem-demo-'));
      try {
        io.err(`generating the demo company's exports (seed ${DEMO_STORY.seed}) in ${dir}`);
        await generateDemoExports(dir);
        if (freshSqliteFile(db)) io.err(`warning: replacing ${db} with a fresh demo database`);
        const services = await open(db);
        const bar = progressBar();
        try {
          const result = await services.importFiles(
            { paths: [dir], bulk: true },
            { onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, 'importing'), onReplay: (p) => bar.update(p.done, p.total, 'replaying') },
          );
          bar.stop();
          io.err(`imported ${result.rows.toLocaleString('en-US')} rows from ${result.files.length} files (${result.rejected} rejected) into ${db}`);
          const at = new Date(DEMO_STORY.reportAt);
          const report = (from: string, to: string) => services.funnelReport({ from, to, by: null, at });
          const { H1, H2 } = DEMO_STORY.halves;
          const q = (id: string) => DEMO_STORY.quarters.find((x) => x.id === id)!;
          const [h1, h2, q2, q4] = await Promise.all([
            report(H1.from, H1.to),
            report(H2.from, H2.to),
            report(q('2024-Q2').from, q('2024-Q2').to),
            report(q('2024-Q4').from, q('2024-Q4').to),
          ]);
          const table = {
            ...comparisonTable('Orbit Analytics, 2024: before (H1) and after (H2) the fixes of 2024-07-01 — people by the half they entered', compareHalves(h1, h2)),
            notes: [
              'The two systems disagree on purpose (DEMO_STORY.disagreements): a +tag email lands as two persons, 5 leads exist only in the CRM,',
              `and one person the marketing system calls a customer is an open lead in the CRM, which wins (H2 reaches won ${h2.stages.find((x) => x.id === 'won')!.reached} times for ${h2.revenue.wonCount} won deals). See: tandem reconcile.`,
            ],
          };
          io.out(render('table', [table], { h1, h2 }));
          io.out('');
          for (const line of storySummary(h1, h2, q2, q4)) io.out(line);
          io.out('');
          // The bottom of the funnel: contact policy, work queue and the unreachable nurture program.
          for (const line of await followUpStory(services, { db, at, before: H1, after: H2 })) io.out(line);
          io.out('');
          // Content for every stage: the catalogue written beside the exports, its gap in H1 and its use.
          for (const line of await contentStory(services, { db, file: join(dir, 'content-catalogue.yaml'), at, before: H1, after: H2 })) io.out(line);
          io.out(`\nExplore: tandem report --db ${db} --from ${H1.from} --to ${H1.to} --by source`);
        } finally {
          bar.stop();
          await services.close();
        }
      } finally {
        if (!opts.keep) rmSync(dir, { recursive: true, force: true });
      }
    });
}
