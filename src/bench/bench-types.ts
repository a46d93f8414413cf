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
