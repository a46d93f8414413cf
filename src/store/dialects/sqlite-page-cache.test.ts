import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import type { OpenedStore } from '../open-store.js';

describe('a SQLite connection narrowed for a full replay', () => {
  let dir: string;
  let store: OpenedStore;
  afterEach(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cacheSize = async (): Promise<number> => Number((await sql<{ cache_size: number }>`pragma cache_size`.execute(store.db)).rows[0]!.cache_size);

  it('caches at most the given MiB meanwhile and gets its own size back afterwards', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-cache-'));
    store = await openStore(join(dir, 't.db'));
    expect(await cacheSize()).toBe(-256 * 1024);
    const restore = await store.helpers.narrowPageCache!(64);
    expect(await cacheSize()).toBe(-64 * 1024);
    await restore();
    expect(await cacheSize()).toBe(-256 * 1024);
  });

  it('leaves a cache already that small as it is', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-cache-'));
    store = await openStore(join(dir, 't.db'), { cacheMiB: 16 });
    const restore = await store.helpers.narrowPageCache!(64);
    expect(await cacheSize()).toBe(-16 * 1024);
    await restore();
    expect(await cacheSize()).toBe(-16 * 1024);
  });

  it('is narrowed by a full replay while it rewrites, and back when it ends', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-cache-'));
    store = await openStore(join(dir, 't.db'));
    await store.replay.startBulkRewrite();
    expect(await cacheSize()).toBe(-64 * 1024);
    await store.replay.finishBulkRewrite();
    expect(await cacheSize()).toBe(-256 * 1024);
  });
});
