/** One measured figure next to its floor (the same work done the bare way, in the same run). */
export interface BenchResult {
  readonly bench: string;
  readonly dialect: string;
  readonly persons: number;
  readonly figure: string;
  readonly seconds: number;
  readonly floorSeconds: number | null;
  readonly floorWhat: string;
  /** Rows per second, where rows make sense. */
  readonly rate?: number;
  readonly note?: string;
  /** CPU time of the bench process (all its threads) during the figure: wall time alone is noisy on a shared machine. */
  readonly cpuSeconds?: number;
  /** Peak RSS of the bench process so far, when the figure was taken (MiB). */
  readonly rssMiB?: number;
}

export interface BenchContext {
  readonly persons: number;
  readonly activitiesPerPerson: number;
  readonly dialect: 'sqlite' | 'postgres';
  /** A fresh, empty database location for this dialect. */
  freshDb(): Promise<string>;
  /** A folder of generated exports (persons + activities) with a manifest, made once per run. */
  readonly exportsDir: string;
  readonly workDir: string;
}

export function seconds(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

/** Process CPU seconds (user + system, every thread) since a `process.cpuUsage()` mark. */
export function cpuSeconds(mark: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(mark);
  return (u.user + u.system) / 1e6;
}

/** Peak resident set size of this process so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
