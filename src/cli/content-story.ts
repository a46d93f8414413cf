import type { Services } from '../app/services.js';
import type { ContentCoverage } from '../domain/content/content-coverage.js';

const uses = (c: ContentCoverage, team: 'sales' | 'marketing'): number => c.cells.reduce((n, x) => n + x.uses[team], 0);
const gapText = (c: ContentCoverage): string =>
  c.gaps.length === 0 ? 'no gap — every stage sales works had a piece to send' : `sales had nothing to send at ${c.gaps.map((g) => `${g.stage}${g.grade === 'ungraded' ? '' : ` (grade ${g.grade})`}, ${g.people.toLocaleString('en-US')} people`).join('; ')}`;

/**
 * The content catalogue in a few lines: adopts the catalogue file, then the gaps and the uses
 * by each team before (`before`) and after (`after`) a change.
 */
export async function contentStory(services: Services, options: { db: string; file: string; at: Date; before: { from: string; to: string }; after: { from: string; to: string } }): Promise<string[]> {
  const catalogue = await services.content.adoptCatalogue(options.file);
  const at = options.at.toISOString();
  const before = await services.content.coverage({ ...options.before, at });
  const after = await services.content.coverage({ ...options.after, at });
  return [
    `Content catalogue ${catalogue.version} (${catalogue.pieces.length} pieces), adopted:`,
    `  ${options.before.from}..${options.before.to}: ${gapText(before)}; uses by sales ${uses(before, 'sales').toLocaleString('en-US')}, by marketing ${uses(before, 'marketing').toLocaleString('en-US')}.`,
    `  ${options.after.from}..${options.after.to}: ${gapText(after)}; uses by sales ${uses(after, 'sales').toLocaleString('en-US')}, by marketing ${uses(after, 'marketing').toLocaleString('en-US')}.`,
    `  tandem content coverage --db ${options.db} --period ${options.before.from}..${options.before.to} · tandem content influence --db ${options.db}`,
  ];
}
