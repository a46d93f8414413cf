import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel } from './load-funnel-model.js';

const text = readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8');

function errorOf(yaml: string): TandemError {
  try {
    parseFunnelModel(yaml, 'model.yaml');
  } catch (e) {
    if (e instanceof TandemError) return e;
    throw e;
  }
  throw new Error('expected the model to be refused');
}

describe('funnel model file', () => {
  it('the bundled default is valid, with every stage and a content-hash version', () => {
    const m = parseFunnelModel(text, 'default');
    expect(m.stages.map((s) => s.id)).toEqual(['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'won', 'lost', 'disqualified', 'nurture', 'unreachable', 'recycled']);
    expect(m.version).toMatch(/^default-waterfall@[0-9a-f]{12}$/);
    expect(m.stages.find((s) => s.id === 'sal')!.slaHours).toBe(168);
    expect(parseFunnelModel(text + '\n# a comment\n', 'x').version).not.toBe(m.version);
  });

  it('names the line and field of a bad value', () => {
    const bad = text.replace('    owner: sales\n    responsibilities:\n      sales: { raci: RA, tasks: [Accept', '    owner: salez\n    responsibilities:\n      sales: { raci: RA, tasks: [Accept');
    const line = bad.split('\n').findIndex((l) => l.includes('owner: salez')) + 1;
    const e = errorOf(bad);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.place.line).toBe(line);
    expect(e.place.field).toBe('stages.2.owner');
    expect(e.message).toContain(`model.yaml:${line}`);
    expect(e.message).toMatch(/marketing.*sales.*shared/);
  });

  it('names an unknown key, a missing main stage and broken YAML', () => {
    expect(errorOf(text.replace('    kind: gate\n    owner: marketing', '    kind: gate\n    colour: red\n    owner: marketing')).message).toMatch(/colour/);
    const noWon = text.replace(/  - id: won[\s\S]*?(?=  - id: lost)/, '');
    expect(errorOf(noWon).message).toContain('main stage "won" is missing');
    const broken = errorOf('id: x\nstages: [\n');
    expect(broken.code).toBe('CONFIG_INVALID');
    expect(broken.place.line).toBeGreaterThan(0);
  });

  it('refuses a target conversion outside 0..1', () => {
    const e = errorOf(text.replace('targetConversion: 0.6\n', 'targetConversion: 1.6\n'));
    expect(e.place.field).toMatch(/targetConversion$/);
  });
});
