import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { openServices, storeAdmin } from '../src/main/services.js';

const dir = mkdtempSync(join(tmpdir(), 'tandem-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { open: openServices, admin: storeAdmin, defaultDb: join(dir, 'default.db'), out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('tandem demo', () => {
  it('replaces the database file, imports the story and prints H1 beside H2 with the summary', async () => {
    const db = join(dir, 'demo.db');
    writeFileSync(db, 'not a database');
    const r = await cli(['--db', db, 'demo', '--keep', join(dir, 'exports')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: replacing ${db}`);
    expect(r.err).toMatch(/\(0 rejected\)/);
    expect(r.out).toMatch(/inquiries\s+│\s+2,206\s+│\s+442/);
    expect(r.out).toContain('Q4 vs Q2: inquiries −90% (1,120 → 112), won deals ×3 (2 → 6)');
    expect(r.out).toMatch(/mql → sal\s+│\s+15\.0%\s+│\s+75\.5%/);
    expect(r.out).toContain('2024-01-01..2024-06-30: sales had nothing to send at sql');
    expect(r.out).toContain('2024-07-01..2024-12-31: no gap');
    expect(readdirSync(join(dir, 'exports'))).toContain('manifest.yaml');
    const again = await cli(['--db', db, 'report', '--from', '2024-01-01', '--to', '2024-06-30', '--format', 'json']);
    expect(JSON.parse(again.out).revenue.wonAmount).toBe(1_000_000);
  });

  it('refuses a PostgreSQL URL rather than wipe a server database', async () => {
    const r = await cli(['--db', 'postgres://localhost/x', 'demo']);
    expect(r.code).toBe(64);
    expect(r.err).toContain('--db PATH');
  });
});

describe('tandem generate', () => {
  it('writes the exports and the manifest, and says how to import them', async () => {
    const out = join(dir, 'gen');
    const r = await cli(['generate', '--persons', '50', '--activities-per-person', '4', '--seed', '9', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('hubspot-crm-exports-all-contacts-2025-01-02.csv: 50 rows');
    expect(existsSync(join(out, 'manifest.yaml'))).toBe(true);
  });

  it('rejects a bad count with a clear error', async () => {
    const r = await cli(['generate', '--persons', 'many', '--out', join(dir, 'x')]);
    expect(r.code).toBe(64);
    expect(r.err).toContain('--persons must be a whole number');
  });
});
