import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { SHARED_DATA } from './dialects.js';

async function cli(args: string[], db: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...args], { open: openServices, admin: storeAdmin, defaultDb: db, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('qualification on the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-qcli-'));
  const db = join(dir, 'tandem.db');

  it('profile check refuses a bad rule file naming file, line, field and the allowed values', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, ['id: bad', 'profile:', '  rules:', '    - name: size', '      when: { field: employees, greater: 100 }', '      points: 10', ''].join('\n'));
    const r = await cli(['profile', 'check', file], db);
    expect(r.code).toBe(65);
    expect(r.err).toContain(`${file}:5`);
    expect(r.err).toContain('field profile.rules.0.when.greater');
    expect(r.err).toContain('allowed: field, eq, neq, in, notIn, gt, gte');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('profile check refuses a catastrophic regular expression', async () => {
    const file = join(dir, 'redos.yaml');
    writeFileSync(file, ['id: redos', 'profile:', '  rules:', '    - name: emails', '      when: { field: email, matches: "^([a-z0-9]+)+@example\\\\.com$" }', '      points: 10', ''].join('\n'));
    const r = await cli(['profile', 'check', file], db);
    expect(r.code).toBe(65);
    expect(r.err).toContain(`${file}:5`);
    expect(r.err).toContain('field profile.rules.0.when.matches');
    expect(r.err).toContain('backtrack catastrophically');
  });

  it('checks, backtests (json), adopts and explains on the X Education file', async () => {
    expect((await cli(['import', '--preset', 'x-education', join(SHARED_DATA, 'x-education-lead-scoring', 'Leads.csv')], db)).code).toBe(0);
    const model = join(import.meta.dirname, 'fixtures', 'x-education-model.yaml');
    const check = await cli(['profile', 'check', model], db);
    expect(check.out).toContain('is valid: model x-education-test');
    const bt = await cli(['model', 'backtest', model, '--at', '2021-01-01', '--format', 'json'], db);
    expect(bt.code).toBe(0);
    const json = JSON.parse(bt.out) as Record<string, unknown>;
    for (const key of ['qualified', 'wonAmongQualified', 'recall', 'precision', 'wonAmountKept', 'wonAmountLost', 'auc', 'sweep', 'inquiries', 'filteredByProfile', 'sqlReached', 'opportunityReached']) {
      expect(json, key).toHaveProperty(key);
    }
    expect(Array.isArray(json.sweep)).toBe(true);
    const csv = await cli(['model', 'backtest', model, '--at', '2021-01-01', '--format', 'csv'], db);
    expect(csv.out.split('\n')[0]).toBe('table,figure,value');
    const adopt = await cli(['model', 'adopt', model, '--author', 'ceo'], db);
    expect(adopt.out).toMatch(/Adopted x-education-test@[0-9a-f]{12}\. Replayed 9,240 persons/);
    const versions = await cli(['model', 'versions', '--kind', 'qualification', '--format', 'json'], db);
    expect(JSON.parse(versions.out)).toEqual([expect.objectContaining({ modelId: 'x-education-test', author: 'ceo', active: true })]);
    const explain = await cli(['person', 'explain', '2a369e35-ca95-4ca9-9e4f-9d27175aa320', '--at', '2021-01-01'], db);
    expect(explain.code).toBe(0);
    expect(explain.out).toContain('fit 40 (grade B), engagement 35, total 75');
    expect(explain.out).toContain('promising tags');
    expect(explain.out).toContain('rule:won.entry[0]');
    const compare = await cli(['model', 'compare', 'active', model, '--at', '2021-01-01', '--format', 'json'], db);
    expect(JSON.parse(compare.out).moved).toEqual({ onlyA: 0, onlyB: 0, wonOnlyA: 0, wonOnlyB: 0 });
  });
});
