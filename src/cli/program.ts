import { Command, CommanderError } from 'commander';
import { TandemError, formatPlace } from '../domain/errors.js';
import type { OpenServices, StoreAdmin } from '../app/services.js';
import { listPresets } from '../importers/load-mapping.js';
import type { CliIo } from './cli-io.js';
import { followUpCommands } from './commands/follow-up-commands.js';
import { attributionCommand } from './commands/attribution-command.js';
import { backupCommands } from './commands/backup-command.js';
import { demoCommand } from './commands/demo-command.js';
import { generateCommand } from './commands/generate-command.js';
import { importCommand } from './commands/import-command.js';
import { modelCommand } from './commands/model-command.js';
import { personCommand } from './commands/person-command.js';
import { profileCommand } from './commands/profile-command.js';
import { qualificationModelCommands } from './commands/qualification-model-commands.js';
import { reconcileCommand } from './commands/reconcile-command.js';
import { replayCommand } from './commands/replay-command.js';
import { reportCommand } from './commands/report-command.js';
import { tokenCommand } from './commands/token-command.js';
import { workerCommand } from './commands/worker-command.js';
import { cohortsCommand } from './commands/cohorts-command.js';
import { compareCommand } from './commands/compare-command.js';
import { diagnoseCommand } from './commands/diagnose-command.js';
import { planCommand } from './commands/plan-command.js';
import { scorecardCommand } from './commands/scorecard-command.js';
import { contentCommand } from './commands/content-command.js';
import { exitCodeFor } from './exit-codes.js';

export interface ProgramDeps {
  readonly open: OpenServices;
  readonly admin: StoreAdmin;
  readonly defaultDb: string;
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
  /** Extra commands registered by the composition root (e.g. demo, serve). */
  readonly extend?: (program: Command, io: CliIo) => void;
  /** Print stack traces of internal errors (TANDEM_DEBUG). */
  readonly debug?: boolean;
}

/** The `tandem` command line: thin — parse, call a use case, render. */
export function buildProgram(deps: ProgramDeps): { program: Command; io: CliIo } {
  const out = deps.out ?? ((t: string) => process.stdout.write(`${t}\n`));
  const err = deps.err ?? ((t: string) => process.stderr.write(`${t}\n`));
  const program = new Command('tandem')
    .description('Marketing and sales on one revenue funnel, with clear accountability at every stage.')
    .version('0.1.0')
    .option('--db <location>', 'SQLite file or postgres:// URL (env TANDEM_DB or DATABASE_URL)', deps.defaultDb)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => out(s.trimEnd()), writeErr: (s) => err(s.trimEnd()) })
    .exitOverride();
  const io: CliIo = { out, err, db: (p) => (p.opts() as { db: string }).db };
  importCommand(program, deps.open, io);
  replayCommand(program, deps.open, io);
  const report = reportCommand(program, deps.open, io);
  cohortsCommand(report, program, deps.open, io);
  compareCommand(report, program, deps.open, io);
  diagnoseCommand(program, deps.open, io);
  scorecardCommand(program, deps.open, io);
  planCommand(program, deps.open, io);
  attributionCommand(report, deps.open, io);
  qualificationModelCommands(modelCommand(program, io), program, deps.open, io);
  profileCommand(program, deps.open, io);
  personCommand(program, deps.open, io);
  followUpCommands(program, deps.open, io);
  reconcileCommand(program, deps.open, io);
  contentCommand(program, deps.open, io);
  backupCommands(program, deps.admin, io);
  demoCommand(program, deps.open, io);
  generateCommand(program, io);
  tokenCommand(program, deps.open, io);
  workerCommand(program, deps.open, io);
  program
    .command('presets')
    .description('List the bundled import presets')
    .action(() => out(listPresets().join('\n')));
  deps.extend?.(program, io);
  for (const c of program.commands) c.exitOverride();
  return { program, io };
}

/** Runs the CLI; returns the exit code. A user never sees a stack trace for an expected error. */
export async function runCli(argv: readonly string[], deps: ProgramDeps): Promise<number> {
  const { program, io } = buildProgram(deps);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? 0 : 64;
    if (e instanceof TandemError) {
      const where = formatPlace(e.place);
      io.err(`error [${e.code}]: ${e.message}${where && !e.message.includes(where) ? ` (${where})` : ''}`);
      return exitCodeFor(e.code);
    }
    io.err(`internal error: ${(e as Error).message}\nPlease report this with the command you ran.`);
    if (deps.debug) io.err((e as Error).stack ?? "");
    return 70;
  }
}
