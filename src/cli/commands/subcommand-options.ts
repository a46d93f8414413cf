import type { Command } from 'commander';

/**
 * The options of a `report` subcommand. `report` has options of the same names (--by, --from,
 * --format, …) and commander hands an option to the parent when both know it, wherever it is
 * written; so the values are read from the subcommand and its parent together.
 */
export function subcommandOptions<T>(command: Command): T {
  const parent = command.parent?.opts() ?? {};
  const own = command.opts();
  const merged: Record<string, unknown> = { ...own };
  for (const [key, value] of Object.entries(parent)) {
    // A parent value the user gave wins over the subcommand's default; the parent's own defaults do not.
    if (value !== undefined && command.parent?.getOptionValueSource(key) === 'cli') merged[key] = value;
  }
  return merged as T;
}
