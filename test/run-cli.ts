import { runCli } from '../src/cli/program.js';
import { openServices, storeAdmin } from '../src/main/services.js';

/** Runs the tandem CLI in-process against a database, capturing what it prints. */
export async function tandem(db: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { open: openServices, admin: storeAdmin, defaultDb: db, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
