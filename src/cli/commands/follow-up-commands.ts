import { copyFileSync, existsSync } from 'node:fs';
import type { Command } from 'commander';
import { OUTBOX_STATUSES } from '../../app/ports/outbox-store.js';
import type { OutboxStatus } from '../../app/ports/outbox-store.js';
import type { OpenServices, Services } from '../../app/services.js';
import { TandemError } from '../../domain/errors.js';
import { DEFAULT_CONTACT_POLICY_PATH, loadContactPolicy } from '../../config/load-contact-policy.js';
import { DEFAULT_NURTURE_PROGRAM_PATH, loadNurtureProgram } from '../../config/load-nurture-program.js';
import type { CliIo } from '../cli-io.js';
import { attemptTables, followUpTables, outboxTables, personStateTables, queueTables, runTables } from '../follow-up-tables.js';
import { render } from '../render.js';
import type { OutputFormat } from '../table-data.js';
import { formatOption } from './report-command.js';

/** `--at` as a UTC ISO time (default now). */
export function parseAt(value: string | undefined): string {
  if (value === undefined) return new Date().toISOString();
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new TandemError('BAD_INPUT', `--at must be a time like 2024-06-30T09:00:00Z or a date, not "${value}"`, { place: { field: 'at' } });
  return new Date(ms).toISOString();
}

function fraction(name: string, value: string): number {
  const n = Number(value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new TandemError('BAD_INPUT', `--${name} must be a share between 0 and 1 (or a percentage), not "${value}"`, { place: { field: name } });
  return n;
}

function count(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new TandemError('BAD_INPUT', `--${name} must be a whole number, not "${value}"`, { place: { field: name } });
  return n;
}

async function using<T>(open: OpenServices, io: CliIo, program: Command, work: (s: Services) => Promise<T>): Promise<T> {
  const services = await open(io.db(program));
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

function initCommand(parent: Command, io: CliIo, what: string, source: string, fallback: string): void {
  parent
    .command('init')
    .description(`Write the default ${what} to a file for editing`)
    .argument('[file]', 'where to write it', fallback)
    .option('--force', 'overwrite an existing file')
    .action((file: string, opts: { force?: boolean }) => {
      if (existsSync(file) && !opts.force) throw new TandemError('BAD_INPUT', `${file} exists; pass --force to overwrite it`, { place: { file } });
      copyFileSync(source, file);
      io.out(`Wrote the default ${what} to ${file}. Edit it, then run: tandem ${parent.name()} check ${file}`);
    });
}

/** Registers the follow-up commands: queue, digest, run, policy, nurture, report attempts / follow-up. */
export function followUpCommands(program: Command, open: OpenServices, io: CliIo): void {
  program
    .command('queue')
    .description('Who to contact next under the contact policy, by whom and on which channel: overdue first')
    .option('--owner <rep>', 'only this owner\'s people')
    .option('--team <team>', 'only owners of this team (from the mail settings\' owner directory; owners without one work for the policy\'s team)')
    .option('--at <time>', 'the time the queue is for (default: now)')
    .addOption(formatOption())
    .action(async (opts: { owner?: string; team?: string; at?: string; format: OutputFormat }) => {
      const q = await using(open, io, program, (s) => s.followUp.queue({ owner: opts.owner ?? null, ...(opts.team === undefined ? {} : { team: opts.team }), at: parseAt(opts.at) }));
      io.out(render(opts.format, queueTables(q), q));
    });

  program
    .command('digest')
    .description("Each owner's daily follow-up digest (Markdown); --send emails it to them once a day")
    .option('--owner <rep>', 'only this owner')
    .option('--at <time>', 'the time the digest is for (default: now)')
    .option('--send', 'email each digest to its owner (needs SMTP or a webhook, and owners\' addresses)')
    .option('--json', 'print the digests as JSON')
    .action(async (opts: { owner?: string; at?: string; send?: boolean; json?: boolean }) => {
      const r = await using(open, io, program, (s) => s.followUp.digests({ owner: opts.owner ?? null, at: parseAt(opts.at), send: !!opts.send }));
      if (opts.json) io.out(JSON.stringify(r, null, 2));
      else io.out(r.digests.length ? r.digests.map((d) => d.markdown).join('\n---\n\n') : 'Nobody to contact: the queues are empty.');
      for (const m of r.sent) io.err(`digest for ${m.personId} → ${m.recipient}: ${m.outcome}${m.detail ? ` (${m.detail})` : ''}`);
      if (r.noAddress.length) io.err(`not sent, no address known (add them to the mail settings' owners): ${r.noAddress.join(', ')}`);
    });

  program
    .command('run')
    .description('Run the nurture scheduler once: send due steps (SMTP or webhook) and tell owners who came back')
    .option('--at <time>', 'the time to run as (default: now)')
    .option('--dry-run', 'list what is due without sending or claiming anything')
    .option('--lease <minutes>', 'minutes after which another scheduler\'s claim is stale', '15')
    .addOption(formatOption())
    .action(async (opts: { at?: string; dryRun?: boolean; lease: string; format: OutputFormat }) => {
      const r = await using(open, io, program, (s) => s.followUp.run({ at: parseAt(opts.at), dryRun: !!opts.dryRun, leaseMinutes: count('lease', opts.lease) }));
      io.out(render(opts.format, runTables(r), r));
    });

  const policy = program.command('policy').description('The contact policy: attempts per channel and span before a lead is unreachable');
  initCommand(policy, io, 'contact policy', DEFAULT_CONTACT_POLICY_PATH, 'contact-policy.yaml');
  policy
    .command('check')
    .argument('<file>', 'the contact policy YAML')
    .description('Validate a contact policy file; errors name the line and field')
    .action((file: string) => {
      const p = loadContactPolicy(file);
      io.out(`${file} is valid: policy ${p.version}, ${p.channels.map((c) => `${c.attempts} ${c.channel}`).join(' + ')} over ${p.minimumSpanDays} days, first touch within ${p.firstTouchHours} h (${p.calendar.label}).`);
    });
  policy
    .command('adopt')
    .argument('<file>', 'the contact policy YAML')
    .description('Make a policy file the active version and replay everyone under it')
    .action(async (file: string) => {
      await using(open, io, program, async (s) => {
        const p = await s.followUp.adoptContactPolicy(file);
        const r = await s.replay(null);
        io.out(`Adopted contact policy ${p.version}; replayed ${r.persons} persons under ${r.modelVersion}.`);
      });
    });
  policy
    .command('state')
    .argument('<person>', 'an email address or a Tandem person id')
    .option('--at <time>', 'the time to evaluate at (default: now)')
    .addOption(formatOption())
    .description("One person's policy runs (awaiting, in cadence, overdue, connected, exhausted), nurture enrollments and transitions")
    .action(async (person: string, opts: { at?: string; format: OutputFormat }) => {
      const state = await using(open, io, program, (s) => s.followUp.personState(person, parseAt(opts.at)));
      if (!state) throw new TandemError('NOT_FOUND', `no person with the id or email "${person}"`, { place: { field: 'person' } });
      io.out(render(opts.format, personStateTables(state), state));
    });
  policy
    .command('show')
    .description('Print the active contact policy as JSON')
    .action(async () => io.out(JSON.stringify(await using(open, io, program, (s) => s.followUp.contactPolicy()), null, 2)));

  const nurture = program.command('nurture').description('The nurture program for unreachable people, and its outbox');
  initCommand(nurture, io, 'nurture program', DEFAULT_NURTURE_PROGRAM_PATH, 'nurture.yaml');
  nurture
    .command('check')
    .argument('<file>', 'the nurture program YAML')
    .description('Validate a nurture program file; errors name the line and field')
    .action((file: string) => {
      const p = loadNurtureProgram(file);
      io.out(`${file} is valid: program ${p.version}, ${p.steps.length} steps, enrolls people in ${p.enrollStage}, hands back to ${p.handBackTo}.`);
    });
  nurture
    .command('adopt')
    .argument('<file>', 'the nurture program YAML')
    .description('Make a program file the active version and replay everyone under it')
    .action(async (file: string) => {
      await using(open, io, program, async (s) => {
        const p = await s.followUp.adoptNurtureProgram(file);
        const r = await s.replay(null);
        io.out(`Adopted nurture program ${p.version}; replayed ${r.persons} persons under ${r.modelVersion}.`);
      });
    });
  nurture
    .command('outbox')
    .description('What the scheduler sent, and what needs a check')
    .option('--status <status...>', `only these statuses (${OUTBOX_STATUSES.join(', ')})`)
    .option('--limit <n>', 'at most this many', '200')
    .addOption(formatOption())
    .action(async (opts: { status?: string[]; limit: string; format: OutputFormat }) => {
      const bad = (opts.status ?? []).find((s) => !(OUTBOX_STATUSES as readonly string[]).includes(s));
      if (bad) throw new TandemError('BAD_INPUT', `--status ${bad} is not one of ${OUTBOX_STATUSES.join(', ')}`, { place: { field: 'status' } });
      const entries = await using(open, io, program, (s) => s.followUp.outbox({ statuses: opts.status as OutboxStatus[] | undefined, limit: count('limit', opts.limit) }));
      io.out(render(opts.format, outboxTables(entries), entries));
    });
  nurture
    .command('resolve')
    .argument('<id>', 'an outbox entry flagged unknown')
    .argument('<outcome>', 'sent (it did go out) or not-sent (the next run may send it)')
    .requiredOption('--by <name>', 'who checked')
    .description('Record what a person found about a send whose outcome was unknown')
    .action(async (id: string, outcome: string, opts: { by: string }) => {
      if (outcome !== 'sent' && outcome !== 'not-sent') throw new TandemError('BAD_INPUT', `outcome must be sent or not-sent, not "${outcome}"`, { place: { field: 'outcome' } });
      const ok = await using(open, io, program, (s) => s.followUp.resolveOutbox(id, outcome, opts.by));
      if (!ok) throw new TandemError('NOT_FOUND', `no outbox entry ${id} is waiting for a check (see tandem nurture outbox --status unknown)`);
      io.out(`Recorded ${id} as ${outcome}.`);
    });
  nurture
    .command('unsubscribe')
    .argument('<token>', 'the token of an unsubscribe link')
    .description('Record an unsubscribe that arrived by mail or link: stops the person\'s messages')
    .action(async (token: string) => {
      const r = await using(open, io, program, (s) => s.followUp.unsubscribe(token, new Date().toISOString()));
      if (!r) throw new TandemError('NOT_FOUND', 'no message carries that unsubscribe token');
      io.out(`Unsubscribed ${r.personId}: no more nurture messages.`);
    });

  // `report` already has --format, --from, --to and --at: they are read from it (commander
  // gives a parent's options to the parent wherever they appear).
  const report = program.commands.find((c) => c.name() === 'report');
  if (!report) return;
  type ReportOpts = { from?: string; to?: string; at?: string; by?: string; format: OutputFormat };
  const noBy = (name: string, opts: ReportOpts): void => {
    if (opts.by) throw new TandemError('BAD_INPUT', `report ${name} has its own split (${name === 'follow-up' ? 'by owner and by team' : 'by attempt and channel'}); --by does not apply`, { place: { field: 'by' } });
  };
  report
    .command('attempts')
    .description('The attempt curve: by number of attempts who connected and won, the chance per attempt, and a recommended policy length (--format as for report)')
    .option('--attempts-from <field>', 'a person attribute holding the number of attempts, for data without attempt activities (e.g. campaign)')
    .option('--threshold <share>', 'chance below which another attempt is not worth it', '0.05')
    .option('--min-people <n>', 'ignore later attempts with fewer people than this', '30')
    .configureHelp({ showGlobalOptions: true })
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ReportOpts & { attemptsFrom?: string; threshold: string; minPeople: string }>();
      noBy('attempts', opts);
      const r = await using(open, io, program, (s) =>
        s.followUp.attemptReport({ attemptsField: opts.attemptsFrom ?? null, threshold: fraction('threshold', opts.threshold), minAtRisk: count('min-people', opts.minPeople) }),
      );
      io.out(render(opts.format, attemptTables(r), r));
      if (r.curve.length === 0 && !opts.attemptsFrom) {
        io.err('No call or email attempts were found among the activities. If a column counts the contacts made (as `campaign` does in the UCI bank-marketing data), name it: --attempts-from campaign');
      }
    });
  report
    .command('follow-up')
    .description("Contact-policy compliance per owner and team, and the nurture program's results (--from/--to: hand-overs in the period; --at, --format as for report)")
    .configureHelp({ showGlobalOptions: true })
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ReportOpts>();
      noBy('follow-up', opts);
      const r = await using(open, io, program, (s) => s.followUp.followUpReport({ from: opts.from ?? null, to: opts.to ?? null, at: parseAt(opts.at) }));
      io.out(render(opts.format, followUpTables(r), r));
    });
}
