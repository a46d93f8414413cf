import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain/activity-type.js';
import { DEFAULT_SOURCING, SOURCED_RULES } from '../domain/sourcing-config.js';
import type { SourcingConfig } from '../domain/sourcing-config.js';
import { CREDIT_TEAMS } from '../domain/touch.js';

const team = z.enum(CREDIT_TEAMS);
const values = z.array(z.string().min(1)).min(1);

const teamRule = z
  .strictObject({
    system: values.optional(),
    type: z.array(z.enum(ACTIVITY_TYPES)).min(1).optional(),
    channel: values.optional(),
    campaign: values.optional(),
    team,
  })
  .refine((r) => r.system || r.type || r.channel || r.campaign, { message: 'a team rule needs at least one of system, type, channel, campaign' });

/**
 * The `sourcing` section of a funnel model (attribution settings). Every key is optional: a
 * missing one keeps its default (domain/sourcing-config.ts). Lists replace the default list;
 * the maps (`channels`, `systems`, `originalSource`) are merged into the defaults key by key.
 */
export const sourcingSchema = z.strictObject({
  sourced: z.array(z.enum(SOURCED_RULES)).min(1).optional(),
  otherwise: team.optional(),
  touches: z
    .strictObject({
      types: z.array(z.enum(ACTIVITY_TYPES)).min(1).optional(),
      channels: z.partialRecord(z.enum(ACTIVITY_TYPES), z.string().min(1)).optional(),
      teams: z
        .strictObject({
          rules: z.array(teamRule).optional(),
          systems: z.record(z.string().min(1), team).optional(),
          default: team.optional(),
        })
        .optional(),
      duplicateWithinMinutes: z.number().min(0).optional(),
    })
    .optional(),
  originalSource: z.partialRecord(team, z.array(z.string().min(1))).optional(),
  halfLifeDays: z.number().positive().optional(),
  influenceWindowDays: z.number().positive().optional(),
});

export type SourcingFile = z.output<typeof sourcingSchema>;

/** The funnel model's sourcing section over the defaults. */
export function resolveSourcing(file: SourcingFile | undefined): SourcingConfig {
  const d = DEFAULT_SOURCING;
  if (!file) return d;
  const t = file.touches;
  return Object.freeze({
    sourced: file.sourced ?? d.sourced,
    otherwise: file.otherwise ?? d.otherwise,
    touches: {
      types: t?.types ?? d.touches.types,
      channels: { ...d.touches.channels, ...t?.channels },
      teams: {
        rules: t?.teams?.rules ?? d.touches.teams.rules,
        systems: { ...d.touches.teams.systems, ...t?.teams?.systems },
        default: t?.teams?.default ?? d.touches.teams.default,
      },
      duplicateWithinMinutes: t?.duplicateWithinMinutes ?? d.touches.duplicateWithinMinutes,
    },
    originalSource: { ...d.originalSource, ...file.originalSource },
    halfLifeDays: file.halfLifeDays ?? d.halfLifeDays,
    influenceWindowDays: file.influenceWindowDays ?? d.influenceWindowDays,
  });
}
