import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseContentCatalogue } from '../config/load-content-catalogue.js';
import { importContentCsv } from './content-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-content-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const mapping = write('mapping.yaml', [
  'id: orbit-kit',
  'columns: { id: Asset ID, title: Name, url: Link, type: Kind, stages: Stages, grades: Grades, team: Owner, language: Lang, since: Published }',
  'separator: ";|"',
  'values:',
  '  type: { Case Study: case_study, One-pager: one_pager }',
  '  stages: { SQL: sql, Opportunity: opportunity, SAL: sal }',
  '  team: { Marketing: marketing, Sales: sales }',
  '',
].join('\n'));

describe('importContentCsv', () => {
  it('reads good rows into a catalogue, names each bad row and field, and keeps Arabic titles', async () => {
    const csv = write('assets.csv', [
      'Asset ID,Name,Link,Kind,Stages,Grades,Owner,Lang,Published',
      'case-northwind,How Northwind tripled pipeline,https://www.orbit.example/customers/northwind,Case Study,SAL;Opportunity,A|B,Marketing,en,2024-01-15',
      'case-riyadh,دراسة حالة: بنك الرياض,https://www.orbit.example/ar/riyadh,case study,opportunity,A,marketing,ar,',
      'bad-kind,Mystery,https://www.orbit.example/x,Brochure,SAL,,Sales,en,',
      'bad-stage,Wrong stage,https://www.orbit.example/y,One-pager,Closing,,Sales,en,',
      'case-northwind,Again,https://www.orbit.example/z,Case Study,SAL,,Sales,en,',
      '',
    ].join('\n'));
    const r = await importContentCsv(csv, mapping);
    expect(r.catalogue.pieces.map((p) => p.id)).toEqual(['case-northwind', 'case-riyadh']);
    expect(r.catalogue.pieces[0]).toMatchObject({ type: 'case_study', stages: ['sal', 'opportunity'], grades: ['A', 'B'], team: 'marketing', since: '2024-01-15' });
    expect(r.catalogue.pieces[1]!.title).toBe('دراسة حالة: بنك الرياض');
    expect(r.rejects.map((x) => `${x.row}:${x.field}`)).toEqual(['4:type (column "Kind")', '5:stages (column "Stages")', '6:id']);
    expect(r.rejects[2]!.message).toContain('appears on an earlier row');
    // The YAML written is a catalogue file in its own right, with the same version.
    expect(parseContentCatalogue(r.yaml, 'again.yaml').version).toBe(r.catalogue.version);
    expect(r.catalogue.version).toMatch(/^orbit-kit@/);
  });

  it('says which mapped column the file lacks', async () => {
    const csv = write('short.csv', 'Asset ID,Name\nx,X\n');
    await expect(importContentCsv(csv, mapping)).rejects.toThrow(/columns\.url names "Link", which .*short\.csv does not have/);
  });
});
