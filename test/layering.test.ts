import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('layering (DESIGN.md)', () => {
  it('only src/config reads process.env', () => {
    const offenders = sources(SRC)
      .filter((f) => !relative(SRC, f).startsWith('config/') && !relative(SRC, f).startsWith('bench/'))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the domain takes time as input: no Date.now() or argument-less new Date()', () => {
    const offenders = sources(join(SRC, 'domain')).filter((f) => /Date\.now\(|new Date\(\)/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('only src/store names the database drivers', () => {
    const offenders = sources(SRC)
      .filter((f) => !relative(SRC, f).startsWith('store/') && !relative(SRC, f).startsWith('bench/'))
      .filter((f) => /from '(kysely|better-sqlite3|pg)'/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('dependency-cruiser fails a wrong import (the domain importing the store)', () => {
    const dir = join(SRC, 'domain', '__layering_probe__');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'probe.ts'), "import { openStore } from '../../store/open-store.js';\nexport const probe = openStore;\n");
    try {
      let failed = false;
      let output = '';
      try {
        execFileSync(join(ROOT, 'node_modules/.bin/depcruise'), ['src', '--config', '.dependency-cruiser.cjs'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        failed = true;
        output = String((e as { stdout?: string }).stdout ?? '');
      }
      expect(failed).toBe(true);
      expect(output).toContain('domain-is-pure');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
