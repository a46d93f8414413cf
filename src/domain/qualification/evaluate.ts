import type { CompiledModel } from './compiled-model.js';
import { prepare, rulePoints } from './score.js';
import type { Prepared, ScoringInput } from './score.js';

const DAY_MS = 86_400_000;

/** A person's fit and total score at every instant the score can rise, up to the evaluation time. */
export interface Series {
  readonly t: readonly number[];
  readonly fit: readonly number[];
  readonly total: readonly number[];
}

export interface Evaluation {
  readonly prepared: Prepared;
  readonly series: Series;
  /** The first instant both MQL thresholds held, or null. */
  readonly crossing: { readonly at: number; readonly fit: number; readonly total: number } | null;
}

/**
 * The instants at which a score can rise: entry, each matching activity, and each moment an
 * activity leaves a window (a negative rule or an upper count bound can stop holding then).
 * Between them a score only stays or decays (decay is for positive points only, checked on load),
 * so the first crossing and the peak fall on one of these instants.
 */
export function instants(cm: CompiledModel, p: Prepared, untilMs: number): number[] {
  const out: number[] = [];
  if (p.entryMs !== null && p.entryMs <= untilMs) out.push(p.entryMs);
  for (const times of p.env.times) for (const t of times) if (t <= untilMs) out.push(t);
  for (const w of cm.windowed) {
    for (const t of p.env.times[w.slot]!) {
      const leaves = t + w.within * DAY_MS + 1;
      if (leaves <= untilMs) out.push(leaves);
    }
  }
  out.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
  out.length = n;
  return out;
}

/** Scores a person over time up to `untilMs`: the series and the first MQL crossing. */
export function evaluate(cm: CompiledModel, input: ScoringInput, untilMs: number): Evaluation {
  const prepared = prepare(cm, input);
  const ts = instants(cm, prepared, untilMs);
  const fitS: number[] = new Array<number>(ts.length);
  const totalS: number[] = new Array<number>(ts.length);
  const mql = cm.model.thresholds.mql;
  let crossing: Evaluation['crossing'] = null;
  const env = prepared.env;
  for (let i = 0; i < ts.length; i++) {
    env.t = ts[i]!;
    let fit = 0;
    let engagement = 0;
    for (const r of cm.rules) {
      const points = rulePoints(r, env);
      if (r.section === 'profile') fit += points;
      else engagement += points;
    }
    fitS[i] = fit;
    totalS[i] = fit + engagement;
    if (crossing === null && fit >= mql.fit && fit + engagement >= mql.total) crossing = { at: env.t, fit, total: fit + engagement };
  }
  return { prepared, series: { t: ts, fit: fitS, total: totalS }, crossing };
}

/** The highest total reached up to `untilMs` (inclusive), optionally only where fit ≥ fitMin; null if none. */
export function peakUntil(s: Series, untilMs: number, fitMin: number | null = null): number | null {
  let best: number | null = null;
  for (let i = 0; i < s.t.length && s.t[i]! <= untilMs; i++) {
    if (fitMin !== null && s.fit[i]! < fitMin) continue;
    if (best === null || s.total[i]! > best) best = s.total[i]!;
  }
  return best;
}

/** The highest fit reached up to `untilMs`; null if no instant. */
export function peakFitUntil(s: Series, untilMs: number): number | null {
  let best: number | null = null;
  for (let i = 0; i < s.t.length && s.t[i]! <= untilMs; i++) if (best === null || s.fit[i]! > best) best = s.fit[i]!;
  return best;
}
