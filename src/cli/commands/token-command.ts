import { Option } from 'commander';
import type { Command } from 'commander';
import { OPERATOR } from '../../app/actor.js';
import type { OpenServices } from '../../app/services.js';
import { ROLES } from '../../domain/role.js';
import type { Role } from '../../domain/role.js';
import type { CliIo } from '../cli-io.js';
import { render } from '../render.js';

/** `tandem token create|list|revoke`: API tokens for the server, made by whoever holds the database. */
export function tokenCommand(program: Command, open: OpenServices, io: CliIo): Command {
  const token = program.command('token').description('API tokens for `tandem serve` (stored hashed; a secret is shown once)');
  token
    .command('create')
    .description('Create a token for a user (creating the user when --role is given)')
    .requiredOption('--user <name>', 'the user the token acts as')
    .addOption(new Option('--role <role>', 'role of a new user').choices(ROLES))
    .option('--label <text>', 'what the token is for, e.g. "CRM webhook" or "Sara\'s laptop"')
    .option('--expires <time>', 'when it stops working (ISO date or time)')
    .addHelpText('after', '\nExample:\n  tandem token create --user admin --role admin\n  tandem token create --user "Sara (sales)" --role sales --label laptop')
    .action(async (opts: { user: string; role?: Role; label?: string; expires?: string }) => {
      const services = await open(io.db(program));
      try {
        const r = await services.auth.createToken(OPERATOR, { user: opts.user, role: opts.role, label: opts.label ?? null, expiresAt: opts.expires ?? null });
        io.out(r.secret);
        io.err(`Token ${r.token.id} for ${r.user.name} (${r.user.role}). This is the only time the secret is shown: store it now.`);
      } finally {
        await services.close();
      }
    });
  token
    .command('list')
    .description('List tokens (never their secrets)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { format: 'table' | 'json' }) => {
      const services = await open(io.db(program));
      try {
        const users = new Map((await services.auth.listUsers()).map((u) => [u.id, u]));
        const tokens = await services.auth.listTokens(null);
        const rows = tokens.map((t) => [t.id, users.get(t.userId)?.name ?? t.userId, users.get(t.userId)?.role ?? '', t.prefix + '…', t.label, t.createdAt, t.expiresAt, t.revokedAt ? `revoked ${t.revokedAt}` : 'live']);
        io.out(render(opts.format, [{ title: 'API tokens', columns: ['id', 'user', 'role', 'starts with', 'label', 'created', 'expires', 'state'], rows }], tokens));
      } finally {
        await services.close();
      }
    });
  token
    .command('revoke')
    .description('Revoke a token: it stops working at once, on every server')
    .argument('<id>', 'the token id (see `tandem token list`)')
    .action(async (id: string) => {
      const services = await open(io.db(program));
      try {
        const t = await services.auth.revokeToken(OPERATOR, id);
        io.out(`Token ${t.id} revoked at ${t.revokedAt}.`);
      } finally {
        await services.close();
      }
    });
  return token;
}
