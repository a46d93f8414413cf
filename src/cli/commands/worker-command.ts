import type { Command } from 'commander';
import type { OpenServices } from '../../app/services.js';
import { runWorker, worker } from '../../app/worker.js';
import type { WorkerTick } from '../../app/worker.js';
import { TandemError } from '../../domain/errors.js';
import type { CliIo } from '../cli-io.js';

interface WorkerCliOptions {
  once?: boolean;
  interval: string;
  nurture: boolean;
  digests: boolean;
  digestHour: string;
  lease: string;
  json?: boolean;
}

function whole(text: string, option: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new TandemError('BAD_INPUT', `--${option} must be a whole number from ${min} to ${max}, not "${text}"`, { place: { field: option } });
  return n;
}

function describeTick(t: WorkerTick): string {
  const parts = [`replayed ${t.replayed}`];
  if (t.nurtureSent !== null) parts.push(`nurture sent ${t.nurtureSent}`);
  if (t.digestsSent !== null) parts.push(`digests sent ${t.digestsSent}`);
  if (t.problems.length) parts.push(`${t.problems.length} not sent (see tandem nurture outbox)`);
  return `${t.at} ${parts.join(', ')}`;
}

/** `tandem worker`: the background work (replay queue, nurture sends, digests), shared by any number of workers. */
export function workerCommand(program: Command, open: OpenServices, io: CliIo): void {
  program
    .command('worker')
    .description('Do the background work: replay queued persons, send due nurture steps and daily digests. Run as many as you like on one PostgreSQL')
    .option('--once', 'one pass, then exit')
    .option('--interval <seconds>', 'seconds between passes', '10')
    .option('--no-nurture', 'do not send nurture steps')
    .option('--no-digests', "do not send owners' daily digests")
    .option('--digest-hour <h>', 'UTC hour from which the day\'s digests are sent', '7')
    .option('--lease <minutes>', "minutes after which a stopped worker's claims are taken over", '10')
    .option('--json', 'one JSON line per pass')
    .addHelpText('after', '\nStops after the current pass on SIGTERM or SIGINT. Servers started with `tandem serve --no-inline-replay` leave all replaying to workers.\nExample:\n  tandem worker --db postgres://tandem@db/tandem --interval 5')
    .action(async (opts: WorkerCliOptions) => {
      const intervalMs = whole(opts.interval, 'interval', 1, 86_400) * 1000;
      const digestHour = whole(opts.digestHour, 'digest-hour', 0, 23);
      const leaseMinutes = whole(opts.lease, 'lease', 1, 10_000);
      const services = await open(io.db(program));
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals): void => {
        io.err(`${signal}: stopping after the current pass`);
        stop.abort();
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      try {
        const w = worker(services, { nurture: opts.nurture, digests: opts.digests, digestHour, leaseMinutes, now: () => new Date(), log: io.err });
        await runWorker(w, {
          intervalMs,
          once: !!opts.once,
          signal: stop.signal,
          onTick: (t) => {
            if (opts.json) io.out(JSON.stringify(t));
            else if (opts.once || t.replayed || t.nurtureSent || t.digestsSent || t.problems.length) io.out(describeTick(t));
          },
          onError: (e) => io.err(`pass failed, retrying in ${intervalMs / 1000} s: ${(e as Error).message}`),
        });
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await services.close();
      }
    });
}
