import type { Command } from 'commander';
import type { StoreAdmin } from '../../app/services.js';
import type { CliIo } from '../cli-io.js';

export function backupCommands(program: Command, admin: StoreAdmin, io: CliIo): void {
  program
    .command('backup')
    .description('Write a consistent copy of the SQLite store while it stays in use (PostgreSQL: prints which standard tool to use)')
    .argument('<file>', 'the backup file to write')
    .action(async (file: string) => {
      const r = await admin.backup(io.db(program), file);
      io.out(`Backed up ${io.db(program)} to ${file} (${r.pages} pages).`);
    });
  program
    .command('restore')
    .description('Replace the SQLite store with a backup, after an integrity check of the backup')
    .argument('<file>', 'a file written by `tandem backup`')
    .action(async (file: string) => {
      const r = await admin.restore(file, io.db(program));
      io.out(`Restored ${file} into ${io.db(program)} (${r.persons} persons).`);
    });
}
