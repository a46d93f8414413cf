/** The main path of the demand waterfall, in order. Reaching one counts as passing every earlier one. */
export const MAIN_STAGES = ['inquiry', 'mql', 'sal', 'sql', 'opportunity', 'won'] as const;
/** Side stages a person can sit in off the main path. */
export const SIDE_STAGES = ['lost', 'disqualified', 'nurture', 'unreachable', 'recycled'] as const;
export const STAGES = [...MAIN_STAGES, ...SIDE_STAGES] as const;

export type MainStageId = (typeof MAIN_STAGES)[number];
export type SideStageId = (typeof SIDE_STAGES)[number];
export type StageId = MainStageId | SideStageId;

export const TEAMS = ['marketing', 'sales', 'shared'] as const;
export type Team = (typeof TEAMS)[number];

/** Marketo's revenue cycle modeler kinds: inventory holds people, gate is passed, sla is timed. */
export const STAGE_KINDS = ['inventory', 'gate', 'sla'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export function isMainStage(id: string): id is MainStageId {
  return (MAIN_STAGES as readonly string[]).includes(id);
}

export function isStage(id: string): id is StageId {
  return (STAGES as readonly string[]).includes(id);
}

/** Position on the main path, or -1 for a side stage. */
export function mainIndex(id: StageId): number {
  return (MAIN_STAGES as readonly string[]).indexOf(id);
}
