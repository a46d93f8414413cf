import type { Command } from 'commander';

/** Where a command writes, and the global options it reads: passed in so tests can capture them. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  db(program: Command): string;
}
