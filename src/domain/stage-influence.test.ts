import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL_MODEL_PATH, parseFunnelModel } from '../config/load-funnel-model.js';
import { influenceReport, stageTouchCounts } from './stage-influence.js';
import type { Touch } from './touch.js';

const model = parseFunnelModel(readFileSync(DEFAULT_FUNNEL_MODEL_PATH, 'utf8'), 'funnel.default.yaml');
const touch = (personId: string, at: string, channel: string): Touch => ({
  id: `${personId}-${at}`, personId, type: 'email_click', system: 'hubspot', at, channel, campaign: null, team: 'marketing', identity: at,
});

describe('stage influence', () => {
  const moves = [
    { personId: 'p1', stage: 'sal' as const, at: '2024-03-10T00:00:00.000Z' },
    { personId: 'p2', stage: 'sal' as const, at: '2024-03-20T00:00:00.000Z' },
    { personId: 'p3', stage: 'sal' as const, at: '2024-05-01T00:00:00.000Z' },
  ];
  const touches = [
    touch('p1', '2024-03-01T00:00:00.000Z', 'email'),
    touch('p1', '2024-03-05T00:00:00.000Z', 'email'),
    touch('p2', '2024-01-01T00:00:00.000Z', 'webinar'),
    touch('p2', '2024-03-21T00:00:00.000Z', 'phone'),
  ];
  const period = { fromIso: '2024-03-01T00:00:00.000Z', toIsoExclusive: '2024-04-01T00:00:00.000Z' };

  it('counts people touched in the window before they moved, each person once per key', () => {
    // p1: two email touches within 30 days → counted once; p2: the webinar is 79 days before, the
    // call after the move; p3 moved outside the period.
    expect(stageTouchCounts(moves, touches, ['sal'], 'channel', 30, period)).toEqual([{ stage: 'sal', moved: 2, touched: [{ key: 'email', people: 1 }] }]);
    expect(stageTouchCounts(moves, touches, ['sal'], 'channel', null, period)[0]!.touched).toEqual([
      { key: 'email', people: 1 },
      { key: 'webinar', people: 1 },
    ]);
  });

  it('reports each transition of the main path with its shares and the owner of the stage left', () => {
    const counts = stageTouchCounts(moves, touches, ['mql', 'sal'], 'channel', 30, period);
    const r = influenceReport(model, counts, { by: 'channel', from: '2024-03-01', to: '2024-03-31', windowDays: 30 });
    expect(r.transitions).toEqual([
      { from: 'inquiry', to: 'mql', owner: 'marketing', moved: 0, rows: [] },
      { from: 'mql', to: 'sal', owner: 'marketing', moved: 2, rows: [{ key: 'email', people: 1, share: 0.5 }] },
    ]);
  });
});
