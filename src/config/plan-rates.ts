import { z } from 'zod';
import { MAIN_STAGES } from '../domain/stage.js';
import type { PlanRatesOverride } from '../domain/plan.js';
import { readTextFile } from './load-funnel-model.js';
import { parseValidatedYaml } from './validated-yaml.js';

const stageRate = z.strictObject({
  /** Share of the stage that reaches the next main stage (0..1]. */
  conversion: z.number().gt(0).max(1).optional(),
  /** Days from reaching the stage to reaching the next one. */
  lagDays: z.number().min(0).optional(),
});

/**
 * A planning scenario: any rate given here replaces the observed one, e.g.
 *   averageSellingPrice: 250000
 *   stages:
 *     mql: { conversion: 0.6, lagDays: 5 }
 */
export const planRatesSchema = z.strictObject({
  description: z.string().optional(),
  averageSellingPrice: z.number().positive().optional(),
  stages: z.partialRecord(z.enum(MAIN_STAGES.filter((s) => s !== 'won') as [string, ...string[]]), stageRate).default({}),
});

/** Reads a rates file; errors name the file, line and field. */
export function loadPlanRates(file: string): PlanRatesOverride {
  const parsed = parseValidatedYaml(readTextFile(file), planRatesSchema, file);
  return { averageSellingPrice: parsed.averageSellingPrice ?? null, stages: parsed.stages as PlanRatesOverride['stages'] };
}
