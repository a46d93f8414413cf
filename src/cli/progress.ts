import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

/** A progress bar on a terminal (stderr); silent when output is piped or in CI. */
export function progressBar(enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | null = null;
  let lastLabel = '';
  return {
    update(done, total, label) {
      if (!bar || label !== lastLabel) {
        bar?.stop();
        bar = new cliProgress.SingleBar(
          { format: `${label.padEnd(28).slice(0, 28)} [{bar}] {percentage}% | {eta_formatted} left`, stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(total, 1), 0);
        lastLabel = label;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
