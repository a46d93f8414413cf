import { describe, expect, it } from 'vitest';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import type { Activity } from './entities.js';
import { replayPerson, statusConflictOf } from './lifecycle.js';
import { DEFAULT_PRECEDENCE } from './precedence.js';
import { contradicts } from './status-conflicts.js';
import type { StageId } from './stage.js';

const model = loadFunnelModel();
let n = 0;
function act(source: string, type: Activity['type'], at: string, stage: StageId | null = null): Activity {
  n++;
  return { id: `a${n}`, personId: 'p', source, externalId: `x${n}`, type, occurredAt: `${at}T00:00:00.000Z`, actor: null, stage, properties: {} };
}

describe('stage contradictions between systems', () => {
  it('a customer in marketing automation and an open lead in the CRM: the CRM wins by default', () => {
    const acts = [
      act('hubspot', 'lead_created', '2024-01-02'),
      act('hubspot', 'stage_change', '2024-01-05', 'mql'),
      act('hubspot', 'stage_change', '2024-03-01', 'won'),
      act('salesforce', 'stage_change', '2024-02-01', 'sql'),
    ];
    const c = statusConflictOf(model, acts)!;
    expect(c.field).toBe('stage');
    expect(c.views.map((v) => [v.source, v.stage])).toEqual([['hubspot', 'won'], ['salesforce', 'sql']]);
    expect(c.winner).toBe('salesforce');
    expect(c.losers).toEqual(['hubspot']);
    const t = replayPerson(model, 'p', acts);
    expect(t.journey.currentStage).toBe('sql');
    expect(t.journey.reached.won).toBeUndefined();
    // Without the conflict the same activities would make a customer.
    expect(replayPerson(model, 'p', acts.filter((a) => a.source === 'hubspot')).journey.currentStage).toBe('won');
  });

  it('with marketing preferred for stage, the marketing view wins', () => {
    const m = { ...model, precedence: { ...DEFAULT_PRECEDENCE, fields: { ...DEFAULT_PRECEDENCE.fields, stage: ['marketing'] } } };
    const acts = [act('hubspot', 'stage_change', '2024-03-01', 'won'), act('salesforce', 'stage_change', '2024-02-01', 'sql')];
    expect(statusConflictOf(m, acts)!.winner).toBe('hubspot');
    expect(replayPerson(m, 'p', acts).journey.currentStage).toBe('won');
  });

  it('disqualified in one system and in nurture in the other contradict', () => {
    const acts = [act('hubspot', 'stage_change', '2024-01-01', 'nurture'), act('salesforce', 'stage_change', '2024-01-03', 'disqualified')];
    expect(statusConflictOf(model, acts)!.losers).toEqual(['hubspot']);
    expect(replayPerson(model, 'p', acts).spans.map((s) => s.stage)).toEqual(['disqualified']);
  });

  it.each([
    ['mql', 'disqualified', false],
    ['sql', 'nurture', false],
    ['won', 'sal', true],
    ['won', 'lost', true],
    ['nurture', 'disqualified', true],
    ['lost', 'disqualified', false],
    ['mql', 'sql', false],
  ] as const)('%s against %s contradicts: %s', (a, b, expected) => {
    expect(contradicts(a, b)).toBe(expected);
    expect(contradicts(b, a)).toBe(expected);
  });

  it('an MQL that sales disqualified is a lag, settled by time as always', () => {
    const acts = [act('hubspot', 'stage_change', '2024-01-01', 'mql'), act('salesforce', 'stage_change', '2024-01-09', 'disqualified')];
    expect(statusConflictOf(model, acts)).toBeNull();
    expect(replayPerson(model, 'p', acts).journey.currentStage).toBe('disqualified');
  });

  it('open stages that only lag each other are no conflict: the furthest counts', () => {
    const acts = [act('hubspot', 'stage_change', '2024-01-01', 'mql'), act('salesforce', 'stage_change', '2024-01-03', 'sql')];
    expect(statusConflictOf(model, acts)).toBeNull();
    expect(replayPerson(model, 'p', acts).journey.currentStage).toBe('sql');
  });

  it("a system's own won deal makes it agree with a customer elsewhere", () => {
    const acts = [
      act('hubspot', 'stage_change', '2024-03-01', 'won'),
      act('salesforce', 'stage_change', '2024-01-10', 'sql'),
      act('salesforce', 'opportunity_created', '2024-02-01'),
      act('salesforce', 'opportunity_won', '2024-02-20'),
    ];
    expect(statusConflictOf(model, acts)).toBeNull();
  });

  it('deal outcomes that differ are decided by the opportunityStage rule', () => {
    const acts = [
      act('hubspot', 'opportunity_created', '2024-02-01'),
      act('hubspot', 'opportunity_won', '2024-03-01'),
      act('salesforce', 'opportunity_created', '2024-02-01'),
      act('salesforce', 'opportunity_lost', '2024-03-05'),
    ];
    const c = statusConflictOf(model, acts)!;
    expect(c.field).toBe('opportunityStage');
    expect(c.winner).toBe('salesforce');
    expect(replayPerson(model, 'p', acts).journey.currentStage).toBe('lost');
  });

  it('leaves a one-system person exactly as before', () => {
    const acts = [act('olist', 'lead_created', '2024-01-01'), act('olist', 'stage_change', '2024-01-01', 'mql'), act('olist', 'opportunity_won', '2024-02-01')];
    expect(statusConflictOf(model, acts)).toBeNull();
    expect(replayPerson(model, 'p', acts).journey.currentStage).toBe('won');
  });
});
