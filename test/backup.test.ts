import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { openServices, storeAdmin } from '../src/main/services.js';
import { SHARED_DATA } from './dialects.js';

const OLIST = join(SHARED_DATA, 'olist-marketing-funnel');
const at = new Date('2019-01-01T00:00:00Z');

describe('backup and restore (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-backup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restores a backup taken while the store is open, with identical reports', async () => {
    const db = join(dir, 'live.db');
    const services = await openServices(db);
    await services.importFiles({ paths: [join(OLIST, 'olist_marketing_qualified_leads_dataset.csv'), join(OLIST, 'olist_closed_deals_dataset.csv')], preset: 'olist' });
    const before = await services.funnelReport({ from: null, to: null, by: 'source', at });
    // The backup runs while this connection is still open (an online backup).
    const out: string[] = [];
    const code = await runCli(['--db', db, 'backup', join(dir, 'copy.db')], { open: openServices, admin: storeAdmin, defaultDb: db, out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(0);
    await services.close();

    const target = join(dir, 'restored.db');
    const restored = await storeAdmin.restore(join(dir, 'copy.db'), target);
    expect(restored.persons).toBe(8000);
    const again = await openServices(target);
    try {
      expect(await again.funnelReport({ from: null, to: null, by: 'source', at })).toEqual(before);
    } finally {
      await again.close();
    }
  });

  it('refuses a file that is not a sound backup and keeps the store', async () => {
    const errors: string[] = [];
    const code = await runCli(['--db', join(dir, 'restored.db'), 'restore', join(OLIST, 'olist_closed_deals_dataset.csv')], {
      open: openServices,
      admin: storeAdmin,
      defaultDb: join(dir, 'restored.db'),
      out: () => undefined,
      err: (t) => errors.push(t),
    });
    expect(code).toBe(64);
    expect(errors.join('\n')).toMatch(/not a sound Tandem backup/);
  });

  it('says which standard tool to use for PostgreSQL', async () => {
    await expect(storeAdmin.backup('postgres://u@127.0.0.1:1/x', join(dir, 'x'))).rejects.toThrow(/pg_dump/);
  });
});
