import closeWithGrace from 'close-with-grace';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliIo } from '../cli/cli-io.js';
import { TandemError } from '../domain/errors.js';
import { loadServerEnv } from '../config/server-config.js';
import { buildServer } from '../http/build-server.js';
import { isPostgresUrl, redact } from '../store/open-store.js';
import { openServices } from './services.js';

interface ServeOptions {
  port: string;
  host: string;
  migrate: boolean;
  corsOrigin?: string[];
  webDist?: string;
  rateLimit: string;
  uploadDir?: string;
  inlineReplay: boolean;
}

function whole(text: string, option: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new TandemError('BAD_INPUT', `--${option} must be a whole number from ${min} to ${max}, not "${text}"`, { place: { field: option } });
  return n;
}

/** `tandem serve`: the HTTP API, its docs, webhooks, and (when built) the dashboard. */
export function serveCommand(program: Command, io: CliIo): Command {
  return program
    .command('serve')
    .description('Serve the HTTP API (docs at /docs, OpenAPI at /openapi.json); every /api/ route needs a token')
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on; 0.0.0.0 exposes it beyond this machine', '127.0.0.1')
    .option('--no-migrate', 'refuse to start on a database that lacks migrations, instead of applying them')
    .addOption(new Option('--cors-origin <origin...>', 'browser origins allowed to call the API (CORS is off by default)'))
    .option('--web-dist <dir>', 'built dashboard to serve at / (default: web-dist/ beside the package, when present)')
    .option('--rate-limit <n>', 'requests per minute per token', '1200')
    .option('--no-inline-replay', 'ingests only queue the persons they touch; `tandem worker`s replay them (keeps servers free of background work)')
    .option('--upload-dir <dir>', 'where uploaded CSVs wait while they import (default: the system temp folder)')
    .addHelpText('after', '\nEnvironment: TANDEM_WEBHOOK_SECRETS="hubspot=<secret>,crm=<secret>" enables /webhooks/<source>; TANDEM_LOG_LEVEL (info).\nExample:\n  tandem token create --user admin --role admin\n  tandem serve --db postgres://tandem@localhost/tandem --port 8080')
    .action(async (opts: ServeOptions) => {
      const port = whole(opts.port, 'port', 0, 65535);
      const rateLimit = whole(opts.rateLimit, 'rate-limit', 1, 1e9);
      const env = loadServerEnv();
      const db = io.db(program);
      const services = await openServices(db, { migrate: opts.migrate, inlineReplay: opts.inlineReplay });
      const app = await buildServer(services, {
        webhookSecrets: env.webhookSecrets,
        logLevel: env.logLevel,
        corsOrigins: opts.corsOrigin ?? [],
        webDist: opts.webDist ?? new URL('../../web-dist', import.meta.url).pathname,
        rateLimitPerToken: rateLimit,
        uploadDir: opts.uploadDir ?? '',
      });
      // On SIGINT/SIGTERM: stop accepting, let requests and running uploads finish, close the database.
      const closer = closeWithGrace({ delay: 30_000, logger: app.log }, async ({ err }) => {
        if (err) app.log.error({ err }, 'shutting down after an error');
        await app.close();
        await services.close();
      });
      app.addHook('onClose', async () => closer.uninstall());
      let address: string;
      try {
        address = await app.listen({ port, host: opts.host });
      } catch (e) {
        await app.close();
        await services.close();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
          throw new TandemError('BAD_INPUT', `cannot listen on ${opts.host}:${port} (${code}): choose another --port or --host`, { place: { field: 'port' } });
        }
        throw e;
      }
      const where = isPostgresUrl(db) ? redact(db) : `SQLite ${db}`;
      io.err(`Tandem listening on ${address} (database ${where}); docs at ${address}/docs`);
    });
}
