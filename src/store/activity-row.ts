import type { ActivityType } from '../domain/activity-type.js';
import type { Activity } from '../domain/entities.js';
import type { StageId } from '../domain/stage.js';
import { readJson } from './json-column.js';
import type { ActivitiesTable } from './schema.js';

/** An activities row as the domain's Activity. */
export function toActivity(r: ActivitiesTable): Activity {
  return {
    id: r.id,
    personId: r.person_id,
    source: r.source,
    externalId: r.external_id,
    type: r.type as ActivityType,
    occurredAt: r.occurred_at,
    actor: r.actor,
    stage: r.stage as StageId | null,
    properties: readJson(r.properties),
  };
}
