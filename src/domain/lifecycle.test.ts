import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel } from '../config/load-funnel-model.js';
import type { ActivityType } from './activity-type.js';
import type { Activity } from './entities.js';
import { replayPerson } from './lifecycle.js';
import type { StageId } from './stage.js';

const model = parseFunnelModel(readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8'), 'default');

let n = 0;
function act(type: ActivityType, at: string, stage: StageId | null = null, source = 'crm'): Activity {
  n++;
  return { id: `a${n}`, personId: 'p1', source, externalId: `x${n}`, type, occurredAt: at, actor: 'rep1', stage, properties: {} };
}

describe('replayPerson', () => {
  it('walks the main path with a reason and the model version on every transition', () => {
    const t = replayPerson(model, 'p1', [
      act('lead_created', '2024-01-01T00:00:00.000Z'),
      act('stage_change', '2024-01-03T00:00:00.000Z', 'mql'),
      act('stage_change', '2024-01-05T00:00:00.000Z', 'sal'),
    ]);
    expect(t.transitions.map((x) => [x.fromStage, x.toStage])).toEqual([
      [null, 'inquiry'],
      ['inquiry', 'mql'],
      ['mql', 'sal'],
    ]);
    expect(t.transitions[0]!.reason).toBe('rule:inquiry.entry[0]');
    expect(t.transitions[1]!.reason).toBe('manual:crm');
    expect(t.transitions.every((x) => x.modelVersion === model.version)).toBe(true);
    expect(t.journey.currentStage).toBe('sal');
    expect(t.journey.daysToNext).toEqual({ inquiry: 2, mql: 2 });
  });

  it('counts skipped main stages as passed with unknown times', () => {
    const t = replayPerson(model, 'p1', [act('lead_created', '2024-01-01T00:00:00.000Z'), act('opportunity_won', '2024-03-01T00:00:00.000Z')]);
    expect(t.transitions.map((x) => x.toStage)).toEqual(['inquiry', 'won']);
    expect(t.journey.reached).toEqual({
      inquiry: { at: '2024-01-01T00:00:00.000Z' },
      mql: { at: null },
      sal: { at: null },
      sql: { at: null },
      opportunity: { at: null },
      won: { at: '2024-03-01T00:00:00.000Z' },
    });
    expect(t.journey.daysToNext).toEqual({});
  });

  it('never moves backwards on the main path, but returns from a side stage', () => {
    const t = replayPerson(model, 'p1', [
      act('lead_created', '2024-01-01T00:00:00.000Z'),
      act('stage_change', '2024-01-02T00:00:00.000Z', 'sal'),
      act('stage_change', '2024-01-03T00:00:00.000Z', 'mql'),
      act('stage_change', '2024-01-04T00:00:00.000Z', 'unreachable'),
      act('stage_change', '2024-02-01T00:00:00.000Z', 'recycled'),
      act('stage_change', '2024-02-02T00:00:00.000Z', 'sal'),
    ]);
    expect(t.transitions.map((x) => x.toStage)).toEqual(['inquiry', 'sal', 'unreachable', 'recycled', 'sal']);
    // First-reached times stay: sal was reached on Jan 2.
    expect(t.journey.reached.sal).toEqual({ at: '2024-01-02T00:00:00.000Z' });
    expect(t.spans.map((s) => [s.stage, s.exitedAt, s.nextStage])).toEqual([
      ['inquiry', '2024-01-02T00:00:00.000Z', 'sal'],
      ['sal', '2024-01-04T00:00:00.000Z', 'unreachable'],
      ['unreachable', '2024-02-01T00:00:00.000Z', 'recycled'],
      ['recycled', '2024-02-02T00:00:00.000Z', 'sal'],
      ['sal', null, null],
    ]);
  });

  it('is deterministic whatever order the activities come in', () => {
    const acts = [
      act('lead_created', '2024-01-01T00:00:00.000Z'),
      act('stage_change', '2024-01-01T00:00:00.000Z', 'mql'),
      act('opportunity_created', '2024-02-01T00:00:00.000Z'),
      act('opportunity_lost', '2024-03-01T00:00:00.000Z'),
      act('opportunity_created', '2024-04-01T00:00:00.000Z'),
      act('opportunity_won', '2024-05-01T00:00:00.000Z'),
    ];
    const forward = replayPerson(model, 'p1', acts);
    const backward = replayPerson(model, 'p1', [...acts].reverse());
    expect(backward).toEqual(forward);
    expect(forward.transitions.map((x) => x.toStage)).toEqual(['inquiry', 'mql', 'opportunity', 'lost', 'opportunity', 'won']);
  });

  it('ignores activities that enter no stage, and people with none stay out of the funnel', () => {
    const t = replayPerson(model, 'p1', [act('page_view', '2024-01-01T00:00:00.000Z'), act('email_open', '2024-01-02T00:00:00.000Z')]);
    expect(t.transitions).toEqual([]);
    expect(t.journey.enteredAt).toBeNull();
  });

  it('takes derived signals (e.g. a score crossing its threshold) as stage entries', () => {
    const t = replayPerson(model, 'p1', [act('lead_created', '2024-01-01T00:00:00.000Z')], [
      { at: '2024-01-10T00:00:00.000Z', stage: 'mql', reason: 'model:q1@abc' },
    ]);
    expect(t.transitions.map((x) => [x.toStage, x.reason])).toEqual([
      ['inquiry', 'rule:inquiry.entry[0]'],
      ['mql', 'model:q1@abc'],
    ]);
  });
});
