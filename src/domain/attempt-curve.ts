import { wilson } from './wilson.js';

/** One person's attempts and what came of them, on one channel (or all channels). */
export interface AttemptHistory {
  /** Attempts made in all. */
  readonly attempts: number;
  /** The attempt whose outcome was the first connection (0: connected before any attempt); null: never connected. */
  readonly connectedAt: number | null;
  readonly won: boolean;
  /** Attempts made by the time of the win (the whole count when the win's time is unknown). */
  readonly wonAt: number | null;
}

/** People by number of attempts: how many connected, how many won. */
export interface AttemptRow {
  readonly attempts: number;
  readonly people: number;
  /** Null where the data has no connection signal at all. */
  readonly connected: number | null;
  readonly won: number;
  readonly winRate: number;
  readonly winRateLow: number;
  readonly winRateHigh: number;
}

/** The chance that attempt k brings the outcome, given it had not come before (a hazard). */
export interface CurvePoint {
  readonly attempt: number;
  /** People who got attempt k with no outcome before it. */
  readonly atRisk: number;
  readonly outcomes: number;
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  /** Share of all outcomes that came at attempts 1..k. */
  readonly cumulativeShare: number;
}

export interface AttemptRecommendation {
  /** What the curve measures: a first connection, or (without connection data) a win. */
  readonly basis: 'connection' | 'win';
  readonly threshold: number;
  /** Attempts after which every further attempt's chance stays below the threshold; null if it never does. */
  readonly attempts: number | null;
  /** The highest chance of any later attempt (with enough people to say). */
  readonly chanceAfter: number | null;
  /** Share of all outcomes a policy of that many attempts keeps. */
  readonly keepsShare: number | null;
  readonly minAtRisk: number;
  readonly text: string;
}

export interface AttemptCurve {
  readonly people: number;
  readonly basis: 'connection' | 'win';
  readonly byAttempts: readonly AttemptRow[];
  readonly curve: readonly CurvePoint[];
  readonly recommendation: AttemptRecommendation;
}

export interface CurveOptions {
  /** Chance below which another attempt is not worth it (0..1). */
  readonly threshold: number;
  /** Ignore later attempts with fewer people than this at risk (too few to say). */
  readonly minAtRisk: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/**
 * The attempt curve: by number of attempts, who connected and who won; the chance of a first
 * connection at attempt k given none before (or, where the data has no connections, of a
 * win), with 95% Wilson intervals; and the policy length the curve recommends.
 */
export function attemptCurve(histories: readonly AttemptHistory[], options: CurveOptions): AttemptCurve {
  const people = histories.filter((h) => h.attempts > 0);
  const hasConnections = people.some((h) => h.connectedAt !== null);
  const basis = hasConnections ? 'connection' : 'win';

  const groups = new Map<number, { people: number; connected: number; won: number }>();
  for (const h of people) {
    const g = groups.get(h.attempts) ?? { people: 0, connected: 0, won: 0 };
    g.people++;
    if (h.connectedAt !== null) g.connected++;
    if (h.won) g.won++;
    groups.set(h.attempts, g);
  }
  const byAttempts: AttemptRow[] = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([attempts, g]) => {
      const w = wilson(g.won, g.people);
      return { attempts, people: g.people, connected: hasConnections ? g.connected : null, won: g.won, winRate: w.rate!, winRateLow: w.low!, winRateHigh: w.high! };
    });

  // When did the outcome come? Connections before any attempt are not the policy's doing.
  const outcomeAt = (h: AttemptHistory): number | null => (basis === 'connection' ? h.connectedAt : h.won ? Math.min(h.wonAt ?? h.attempts, h.attempts) : null);
  const counted = people.filter((h) => outcomeAt(h) !== 0);
  const maxAttempt = counted.reduce((m, h) => Math.max(m, h.attempts), 0);
  const atRisk = new Array<number>(maxAttempt + 2).fill(0);
  const outcomes = new Array<number>(maxAttempt + 2).fill(0);
  for (const h of counted) {
    const at = outcomeAt(h);
    const last = at ?? h.attempts;
    for (let k = 1; k <= last; k++) atRisk[k]!++;
    if (at !== null) outcomes[at]!++;
  }
  const totalOutcomes = outcomes.reduce((a, b) => a + b, 0);
  const curve: CurvePoint[] = [];
  let cumulative = 0;
  for (let k = 1; k <= maxAttempt; k++) {
    if (atRisk[k] === 0) continue;
    cumulative += outcomes[k]!;
    const w = wilson(outcomes[k]!, atRisk[k]!);
    curve.push({ attempt: k, atRisk: atRisk[k]!, outcomes: outcomes[k]!, rate: w.rate!, low: w.low!, high: w.high!, cumulativeShare: totalOutcomes ? cumulative / totalOutcomes : 0 });
  }
  return { people: people.length, basis, byAttempts, curve, recommendation: recommend(curve, basis, options) };
}

function recommend(curve: readonly CurvePoint[], basis: 'connection' | 'win', options: CurveOptions): AttemptRecommendation {
  const { threshold, minAtRisk } = options;
  const what = basis === 'connection' ? 'a connection' : 'a win';
  const solid = curve.filter((p) => p.atRisk >= minAtRisk);
  const outcomes = curve.reduce((n, p) => n + p.outcomes, 0);
  if (curve.length === 0 || outcomes === 0 || solid.length === 0) {
    const why = curve.length === 0 ? 'no attempts in the data' : outcomes === 0 ? `no ${basis === 'connection' ? 'connection' : 'win'} after any attempt` : `fewer than ${minAtRisk} people at every attempt`;
    return { basis, threshold, attempts: null, chanceAfter: null, keepsShare: null, minAtRisk, text: `Nothing to recommend: ${why}.` };
  }
  for (let n = 1; n <= (curve.at(-1)?.attempt ?? 0); n++) {
    const later = solid.filter((p) => p.attempt > n);
    if (later.some((p) => p.rate >= threshold)) continue;
    const chanceAfter = later.length ? Math.max(...later.map((p) => p.rate)) : null;
    const keepsShare = curve.filter((p) => p.attempt <= n).at(-1)?.cumulativeShare ?? 0;
    const text =
      `After attempt ${n} the chance of ${what} at any further attempt is below ${pct(threshold)}` +
      (chanceAfter !== null ? ` (at most ${pct(chanceAfter)})` : '') +
      `; a policy of ${n} attempt${n === 1 ? '' : 's'} keeps ${pct(keepsShare)} of ${basis === 'connection' ? 'connections' : 'wins'}.`;
    return { basis, threshold, attempts: n, chanceAfter, keepsShare, minAtRisk, text };
  }
  return {
    basis, threshold, attempts: null, chanceAfter: null, keepsShare: null, minAtRisk,
    text: `Every attempt up to the last one with ${minAtRisk}+ people still has a ${pct(threshold)}+ chance of ${what}: keep going.`,
  };
}
