import { describe, expect, it } from 'vitest';
import { catalogueYaml, CONTENT_CATALOGUE } from '../demo/content-catalogue.js';
import { TandemError } from '../domain/errors.js';
import { parseNurtureProgram } from './load-nurture-program.js';
import { parseContentCatalogue } from './load-content-catalogue.js';

const catch_ = (f: () => unknown): TandemError => {
  try {
    f();
  } catch (e) {
    return e as TandemError;
  }
  throw new Error('did not throw');
};

describe('content catalogue files', () => {
  it('reads the demo catalogue, versioned id@hash of its text', () => {
    const c = parseContentCatalogue(catalogueYaml(), 'content-catalogue.yaml');
    expect(c.pieces.map((p) => p.id)).toEqual(CONTENT_CATALOGUE.map((p) => p.id));
    expect(c.version).toMatch(/^content@[0-9a-f]{12}$/);
    expect(parseContentCatalogue(`${catalogueYaml()}\n# edited\n`, 'x').version).not.toBe(c.version);
    const guide = c.pieces.find((p) => p.id === 'guide-sql-discovery')!;
    expect([guide.since, guide.until, guide.team]).toEqual(['2024-07-01', null, 'shared']);
    expect(c.pieces.find((p) => p.language === 'ar')!.title).toBe('دراسة حالة: بنك الرياض الرقمي');
  });

  it('names the file, line and field of a bad piece', () => {
    const text = ['id: kit', 'pieces:', '  - id: one', '    title: One', '    type: case_study', '    stages: [sal]', '    team: sales', '  - id: two', '    title: Two', '    type: brochure', '    stages: [sal]', '    team: sales', ''].join('\n');
    const e = catch_(() => parseContentCatalogue(text, 'kit.yaml'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('kit.yaml:10: field pieces.1.type');
    expect(e.place).toMatchObject({ file: 'kit.yaml', line: 10, field: 'pieces.1.type' });
  });

  it('refuses a piece id twice, a URL on two pieces, and an end before the start', () => {
    const p = (id: string, extra = '') => `  - { id: ${id}, title: T, type: guide, stages: [sql], team: shared, url: "https://a.example/x"${extra} }`;
    const e = catch_(() => parseContentCatalogue(['pieces:', p('a'), p('a', ', since: 2024-07-01, until: 2024-01-01')].join('\n'), 'c.yaml'));
    expect(e.problems.join('\n')).toMatch(/pieces\.1\.id: piece "a" appears twice/);
    expect(e.problems.join('\n')).toMatch(/pieces\.1\.until: ends \(2024-01-01\) before it starts \(2024-07-01\)/);
  });

  it('lets a nurture step send a catalogue piece instead of inline text, and asks for one or the other', () => {
    const program = (step: string) => `id: n\nname: N\nsteps:\n${step}\n`;
    expect(parseNurtureProgram(program('  - { id: one, content: case-study-logistics }'), 'n.yaml').steps[0]).toMatchObject({ content: 'case-study-logistics', subject: '', body: '' });
    const e = catch_(() => parseNurtureProgram(program('  - { id: one, subject: Hi }'), 'n.yaml'));
    expect(e.message).toContain('n.yaml:4: field steps.0: needs a subject and a body, or content');
  });
});
