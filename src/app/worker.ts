import { TandemError } from '../domain/errors.js';
import type { QueueWork } from './replay.js';
import type { RunMessage } from './run-nurture.js';
import type { Services } from './services.js';

/** What one pass of a worker did. */
export interface WorkerTick {
  readonly at: string;
  /** Persons replayed from the replay queue by this worker. */
  readonly replayed: number;
  /** Nurture messages (steps and hand-backs) this worker sent; null when nurture sends are off. */
  readonly nurtureSent: number | null;
  /** Owner digests this worker sent; null when digests are off or not yet due today. */
  readonly digestsSent: number | null;
  /** Messages that failed, bounced or whose outcome is unknown (see `tandem nurture outbox`). */
  readonly problems: readonly RunMessage[];
}

export interface WorkerOptions {
  /** Send due nurture steps (needs SMTP or a webhook); turned off for good on a configuration error. */
  readonly nurture: boolean;
  /** Send each owner's daily digest once a day (the outbox keys it by owner and day), from `digestHour` (UTC) on. */
  readonly digests: boolean;
  readonly digestHour: number;
  /** Minutes between digest passes (default 30): an owner whose queue fills later in the day still gets that day's digest. */
  readonly digestRecheckMinutes?: number;
  /** Minutes before another worker may take over this one's claims (a crashed worker's). */
  readonly leaseMinutes: number;
  readonly now: () => Date;
  /** Where the worker says what it turned off and why. */
  readonly log: (line: string) => void;
  /** Told about each replay-queue batch taken and finished (tests record who replayed whom). */
  readonly onClaim?: QueueWork['onClaim'];
  readonly onReplaying?: QueueWork['onReplaying'];
  readonly onDone?: QueueWork['onDone'];
  readonly claimant?: string;
  /** Replay-queue entries per claim (default 2000). */
  readonly batch?: number;
}

type WorkerServices = Pick<Services, 'replayQueue' | 'followUp'>;

/**
 * A background worker: replays the queued persons, sends due nurture steps, sends the day's
 * owner digests. Every piece of work is claimed through the database (replay-queue claims,
 * outbox claims), so any number of workers on one PostgreSQL share it and none is done twice.
 */
export function worker(services: WorkerServices, options: WorkerOptions): { tick(): Promise<WorkerTick> } {
  let nurture = options.nurture;
  let digests = options.digests;
  let lastDigestPass = -Infinity;
  const off = (what: string, flag: string, e: unknown): void => {
    if (!(e instanceof TandemError) || e.code !== 'CONFIG_INVALID') throw e;
    options.log(`${what} off until restarted (configure them, or pass ${flag}): ${e.message}`);
  };
  return {
    async tick() {
      const at = options.now().toISOString();
      const { persons } = await services.replayQueue({
        claimant: options.claimant, leaseMinutes: options.leaseMinutes, batch: options.batch, now: options.now, onClaim: options.onClaim, onReplaying: options.onReplaying, onDone: options.onDone,
      });
      const problems: RunMessage[] = [];
      let nurtureSent: number | null = null;
      if (nurture) {
        try {
          const run = await services.followUp.run({ at, dryRun: false, leaseMinutes: options.leaseMinutes, replay: 'time-driven' });
          nurtureSent = run.messages.filter((m) => m.outcome === 'sent').length;
          problems.push(...run.messages.filter(isProblem));
        } catch (e) {
          off('nurture sends', '--no-nurture', e);
          nurture = false;
        }
      }
      let digestsSent: number | null = null;
      const recheckMs = (options.digestRecheckMinutes ?? 30) * 60_000;
      if (digests && Number(at.slice(11, 13)) >= options.digestHour && Date.parse(at) - lastDigestPass >= recheckMs) {
        try {
          // The outbox keys a digest by owner and day: when several workers get here, one sends it.
          const r = await services.followUp.digests({ owner: null, at, send: true });
          digestsSent = r.sent.filter((m) => m.outcome === 'sent').length;
          problems.push(...r.sent.filter(isProblem));
          lastDigestPass = Date.parse(at);
        } catch (e) {
          off('digests', '--no-digests', e);
          digests = false;
        }
      }
      return { at, replayed: persons, nurtureSent, digestsSent, problems };
    },
  };
}

function isProblem(m: RunMessage): boolean {
  return m.outcome === 'failed' || m.outcome === 'bounced' || m.outcome === 'unknown';
}

/**
 * Runs ticks every `intervalMs` until `signal` aborts (a tick in progress finishes first).
 * A failing tick is reported and retried at the next interval, so a database restart does
 * not end the worker; with `once`, its error is the run's error.
 */
export async function runWorker(
  w: { tick(): Promise<WorkerTick> },
  loop: { readonly intervalMs: number; readonly once: boolean; readonly signal: AbortSignal; readonly onTick: (t: WorkerTick) => void; readonly onError: (e: unknown) => void },
): Promise<void> {
  while (!loop.signal.aborted) {
    try {
      loop.onTick(await w.tick());
    } catch (e) {
      if (loop.once) throw e;
      loop.onError(e);
    }
    if (loop.once) return;
    await sleep(loop.intervalMs, loop.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
