import { describe, expect, it } from 'vitest';
import { TandemError } from '../domain/errors.js';
import type { RunSummary } from './run-nurture.js';
import type { Services } from './services.js';
import { runWorker, worker } from './worker.js';
import type { WorkerOptions } from './worker.js';

type Fake = Pick<Services, 'replayQueue' | 'followUp'>;

function fake(over: { run?: () => Promise<RunSummary>; digests?: () => Promise<unknown> } = {}): { services: Fake; calls: string[] } {
  const calls: string[] = [];
  const summary = { messages: [{ kind: 'nurture-step', personId: 'p', name: 'P', recipient: 'p@x', step: 's', outcome: 'sent', detail: null }] } as unknown as RunSummary;
  const services = {
    replayQueue: async () => (calls.push('replay'), { persons: 3, transitions: 5 }),
    followUp: {
      run: async () => (calls.push('run'), over.run ? over.run() : summary),
      digests: async () => (calls.push('digests'), over.digests ? over.digests() : { digests: [], sent: [], noAddress: [] }),
    },
  } as unknown as Fake;
  return { services, calls };
}

const options = (at: string, log: string[] = []): WorkerOptions => ({
  nurture: true, digests: true, digestHour: 7, leaseMinutes: 10, now: () => new Date(at), log: (l) => log.push(l),
});

describe('worker', () => {
  it('replays, sends nurture steps, and sends digests only from the digest hour on', async () => {
    const early = fake();
    expect(await worker(early.services, options('2026-01-05T06:59:00Z')).tick()).toEqual({ at: '2026-01-05T06:59:00.000Z', replayed: 3, nurtureSent: 1, digestsSent: null, problems: [] });
    expect(early.calls).toEqual(['replay', 'run']);
    const late = fake();
    expect((await worker(late.services, options('2026-01-05T07:00:00Z')).tick()).digestsSent).toBe(0);
    expect(late.calls).toEqual(['replay', 'run', 'digests']);
  });

  it('turns nurture sends off for good on a configuration error, saying so once; other errors fail the pass', async () => {
    const log: string[] = [];
    const f = fake({ run: async () => { throw new TandemError('CONFIG_INVALID', 'nothing to send with', { place: { field: 'smtp' } }); } });
    const w = worker(f.services, { ...options('2026-01-05T06:00:00Z', log) });
    expect((await w.tick()).nurtureSent).toBeNull();
    await w.tick();
    expect(f.calls.filter((c) => c === 'run')).toHaveLength(1);
    expect(log).toEqual(['nurture sends off until restarted (configure them, or pass --no-nurture): nothing to send with']);
    const broken = fake({ run: async () => { throw new Error('connection reset'); } });
    await expect(worker(broken.services, options('2026-01-05T06:00:00Z')).tick()).rejects.toThrow('connection reset');
  });

  it('loops until stopped, reporting a failed pass and going on; --once fails with the pass', async () => {
    let n = 0;
    const stop = new AbortController();
    const errors: unknown[] = [];
    const ticks: number[] = [];
    await runWorker(
      { tick: async () => { n++; if (n === 2) throw new Error('db restarting'); if (n === 4) stop.abort(); return { at: '', replayed: n, nurtureSent: null, digestsSent: null, problems: [] }; } },
      { intervalMs: 1, once: false, signal: stop.signal, onTick: (t) => ticks.push(t.replayed), onError: (e) => errors.push(e) },
    );
    expect(ticks).toEqual([1, 3, 4]);
    expect(errors).toHaveLength(1);
    await expect(runWorker({ tick: async () => { throw new Error('down'); } }, { intervalMs: 1, once: true, signal: new AbortController().signal, onTick: () => undefined, onError: () => undefined })).rejects.toThrow('down');
  });
});
