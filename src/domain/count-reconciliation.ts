import type { PeriodOf } from './period-grain.js';
import { MAIN_STAGES, isMainStage, mainIndex } from './stage.js';
import type { MainStageId, StageId } from './stage.js';

/**
 * Why Tandem's count of a stage differs from the sum of the systems' own counts. For every
 * stage and period: sum(bySource) + sum(explained) = tandem, exactly.
 *
 * - rejectedRows: rows a system counts that could not be imported (negative).
 * - mergedDuplicates: records (of one system or both) that are one person in Tandem (negative).
 * - outsidePeriod: a system dates a record in another period than the one the person entered
 *   Tandem's funnel in (or the person never entered it): both signs.
 * - skippedStages: Tandem counts everyone who reached the stage, including those who went on to a
 *   later stage (or skipped this one: counted as passed) or left the funnel from it, where the
 *   systems count only those whose status is this stage now (positive).
 * - precedence: a system holds the person at this stage, but its status lost a contradiction to
 *   another system's (source precedence) and Tandem does not count them here (negative).
 * - modelRules: the funnel model's own rules hold the person at this stage now (a lead creation, an
 *   opportunity, a qualification score) with no system status saying so (positive), or do not
 *   enter the stage a system's status names (negative).
 */
export const COUNT_BUCKETS = ['rejectedRows', 'mergedDuplicates', 'outsidePeriod', 'skippedStages', 'precedence', 'modelRules'] as const;
export type CountBucket = (typeof COUNT_BUCKETS)[number];

/** One record of one system: its own status and its own date (created, else the status date). */
export interface SystemRecordFacts {
  readonly source: string;
  readonly stage: StageId | null;
  readonly at: string | null;
}

/** What the count reconciliation needs of one person. */
export interface PersonCountFacts {
  readonly records: readonly SystemRecordFacts[];
  /** When the person entered Tandem's funnel (the cohort), null if never. */
  readonly enteredAt: string | null;
  readonly reached: readonly MainStageId[];
  /** The person's current stage in Tandem's journey. */
  readonly current: StageId | null;
  /** Systems whose status replay set aside for this person (a contradiction settled by precedence). */
  readonly setAside: readonly string[];
}

export interface CountRow {
  readonly stage: MainStageId;
  readonly period: string;
  readonly bySource: Readonly<Record<string, number>>;
  readonly tandem: number;
  readonly explained: Readonly<Record<CountBucket, number>>;
}

interface Cell {
  bySource: Map<string, number>;
  tandem: number;
  explained: Record<CountBucket, number>;
}

/** Accumulates persons and rejected rows, one at a time (bounded memory: one cell per stage and period). */
export class CountReconciliation {
  private readonly cells = new Map<string, Cell>();
  private readonly sources = new Set<string>();

  constructor(private readonly periodOf: PeriodOf) {}

  private cell(stage: MainStageId, period: string): Cell {
    const k = `${period}\u0000${stage}`;
    let c = this.cells.get(k);
    if (!c) {
      c = { bySource: new Map(), tandem: 0, explained: Object.fromEntries(COUNT_BUCKETS.map((b) => [b, 0])) as Record<CountBucket, number> };
      this.cells.set(k, c);
    }
    return c;
  }

  private countSource(stage: MainStageId, period: string, source: string): void {
    this.sources.add(source);
    const c = this.cell(stage, period);
    c.bySource.set(source, (c.bySource.get(source) ?? 0) + 1);
  }

  /** A system's row that was rejected at import, with what could be read of its status and date. */
  addRejected(record: SystemRecordFacts): void {
    this.sources.add(record.source);
    const period = this.periodOf(record.at);
    if (record.stage === null || !isMainStage(record.stage) || period === null) return;
    this.countSource(record.stage, period, record.source);
    this.cell(record.stage, period).explained.rejectedRows -= 1;
  }

  addPerson(p: PersonCountFacts): void {
    for (const r of p.records) this.sources.add(r.source);
    const tandemPeriod = this.periodOf(p.enteredAt);
    const reached = new Set(p.reached);
    const furthest = Math.max(-1, ...p.reached.map((s) => mainIndex(s)));
    for (const stage of MAIN_STAGES) {
      const atStage = p.records.filter((r) => r.stage === stage);
      const perPeriod = new Map<string, number>();
      for (const r of atStage) {
        const period = this.periodOf(r.at);
        if (period === null) continue;
        this.countSource(stage, period, r.source);
        perPeriod.set(period, (perPeriod.get(period) ?? 0) + 1);
      }
      for (const [period, n] of perPeriod) {
        this.cell(stage, period).explained.mergedDuplicates -= n - 1;
        this.cell(stage, period).explained.outsidePeriod -= 1;
      }
      if (tandemPeriod === null) continue;
      const inSystems = atStage.length > 0;
      const inTandem = reached.has(stage);
      const c = this.cell(stage, tandemPeriod);
      if (inSystems) c.explained.outsidePeriod += 1;
      if (inTandem) c.tandem += 1;
      if (inTandem && !inSystems) {
        if (furthest > mainIndex(stage) || (p.current !== null && p.current !== stage)) c.explained.skippedStages += 1;
        else c.explained.modelRules += 1;
      } else if (inSystems && !inTandem) {
        if (atStage.some((r) => p.setAside.includes(r.source))) c.explained.precedence -= 1;
        else c.explained.modelRules -= 1;
      }
    }
  }

  /** Every stage and period with any count, periods in order, stages in funnel order. */
  rows(): CountRow[] {
    const sources = [...this.sources].sort();
    const out: CountRow[] = [];
    for (const [k, c] of this.cells) {
      const [period, stage] = k.split('\u0000') as [string, MainStageId];
      const bySource = Object.fromEntries(sources.map((s) => [s, c.bySource.get(s) ?? 0]));
      const any = c.tandem !== 0 || Object.values(bySource).some((n) => n !== 0) || Object.values(c.explained).some((n) => n !== 0);
      if (any) out.push({ stage, period, bySource, tandem: c.tandem, explained: { ...c.explained } });
    }
    return out.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : mainIndex(a.stage) - mainIndex(b.stage)));
  }
}
