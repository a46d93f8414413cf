import { describe, expect, it } from 'vitest';
import { loadContactPolicy } from '../config/load-contact-policy.js';
import { loadFunnelModel } from '../config/load-funnel-model.js';
import { loadNurtureProgram } from '../config/load-nurture-program.js';
import type { ActivityType } from './activity-type.js';
import type { Activity, Person } from './entities.js';
import { FollowUpProvider } from './follow-up-provider.js';
import { replayPerson } from './lifecycle.js';
import type { StageId } from './stage.js';

const model = loadFunnelModel();
const policy = loadContactPolicy();
const program = loadNurtureProgram();
const provider = new FollowUpProvider(model, policy, program);

const START = '2024-03-04T09:00:00.000Z';
const day = (d: number, hours = 0): string => new Date(Date.parse(START) + (d * 24 + hours) * 3_600_000).toISOString();

const person: Person = {
  id: 'p1', email: 'lina@example.com', firstName: 'لينا', lastName: 'Haddad', company: 'Acme', accountId: null, owner: 'sara',
  source: 'web', country: 'JO', industry: null, title: null, createdAt: START, doNotCall: false, doNotEmail: false, attributes: {},
};

let n = 0;
function act(type: ActivityType, at: string, stage: StageId | null = null): Activity {
  n++;
  return { id: `a${n}`, personId: 'p1', source: 'crm', externalId: `x${n}`, type, occurredAt: at, actor: 'sara', stage, properties: {} };
}

const handedOver = [act('lead_created', day(-3)), act('stage_change', day(0), 'sal')];
const sixAttempts = [
  act('call_attempt', day(0, 2)), act('email_sent', day(0, 3)), act('call_attempt', day(3)),
  act('email_sent', day(6)), act('call_attempt', day(10)), act('email_sent', day(12)),
];

function replayAt(activities: Activity[], at: string) {
  const history = { person, activities };
  const signals = provider.signals(history, at).filter((s) => s.at <= at);
  return replayPerson(model, person.id, activities, signals);
}

const path = (tl: ReturnType<typeof replayAt>) => tl.transitions.map((t) => `${t.toStage}@${t.at}:${t.reason}`);

describe('FollowUpProvider: the bottom of the funnel as derived signals', () => {
  it('before the span passes nothing moves; at day 14 the exhausted policy moves the person to unreachable', () => {
    const acts = [...handedOver, ...sixAttempts];
    expect(replayAt(acts, day(13)).journey.currentStage).toBe('sal');
    const tl = replayAt(acts, day(14));
    expect(tl.journey.currentStage).toBe('unreachable');
    const last = tl.transitions.at(-1)!;
    expect(last).toMatchObject({ fromStage: 'sal', toStage: 'unreachable', at: day(14), reason: `policy:${policy.version}` });
    expect(last.modelVersion).toBe(model.version);
    expect(policy.version).toMatch(/^contact-default@[0-9a-f]{12}$/);
  });

  it('an unfinished policy never makes anyone unreachable, however long ago the hand-over', () => {
    const acts = [...handedOver, ...sixAttempts.slice(0, 5)];
    expect(replayAt(acts, day(400)).journey.currentStage).toBe('sal');
  });

  it('a re-engagement hands the person back: unreachable → recycled → sal, then the policy starts again', () => {
    const acts = [...handedOver, ...sixAttempts, act('email_open', day(20)), act('email_click', day(25))];
    const at24 = replayAt(acts, day(24));
    expect(at24.journey.currentStage).toBe('unreachable'); // an open is worth 1 point; 10 re-engage
    const tl = replayAt(acts, day(25));
    expect(path(tl).slice(-3)).toEqual([
      `unreachable@${day(14)}:policy:${policy.version}`,
      `recycled@${day(25)}:nurture:${program.version}:re-engaged:email_click`,
      `sal@${day(25)}:nurture:${program.version}:returned`,
    ]);
    expect(tl.journey.currentStage).toBe('sal');
    // The second run is a new hand-over: awaiting a first touch again, due a day after the return.
    const runs = provider.runs(tl, { person, activities: acts }, day(25, 1));
    expect(runs).toHaveLength(2);
    expect(runs[1]!.state.status).toBe('awaiting-first-touch');
    expect(runs[1]!.state.firstTouchDueAt).toBe(day(26));
  });

  it('a second exhaustion after the return makes the person unreachable again (the loop closes)', () => {
    const back = day(25);
    const again = [0, 1, 3, 6, 10, 14].map((d, i) => act(i % 2 ? 'email_sent' : 'call_attempt', new Date(Date.parse(back) + d * 86_400_000 + 3_600_000).toISOString()));
    const acts = [...handedOver, ...sixAttempts, act('email_click', back), ...again];
    const tl = replayAt(acts, day(60));
    expect(tl.transitions.filter((t) => t.toStage === 'unreachable')).toHaveLength(2);
    expect(tl.journey.currentStage).toBe('unreachable');
  });

  it('engagement points since enrollment re-engage once they reach the program\'s rise', () => {
    const views = Array.from({ length: 10 }, (_, i) => act('page_view', day(15 + i)));
    const acts = [...handedOver, ...sixAttempts, ...views];
    expect(replayAt(acts, day(23)).journey.currentStage).toBe('unreachable');
    const tl = replayAt(acts, day(24));
    expect(tl.journey.currentStage).toBe('sal');
    expect(tl.transitions.at(-2)!.reason).toBe(`nurture:${program.version}:re-engaged:score+10`);
  });

  it('a form fill (an inquiry trigger in the default model) still hands back to sales', () => {
    const acts = [...handedOver, ...sixAttempts, act('form_fill', day(30))];
    const tl = replayAt(acts, day(31));
    expect(tl.journey.currentStage).toBe('sal');
    expect(tl.transitions.map((t) => t.toStage).slice(-4)).toEqual(['unreachable', 'inquiry', 'recycled', 'sal']);
  });

  it('people set unreachable by hand in the CRM are enrolled and handed back too', () => {
    const acts = [...handedOver, act('stage_change', day(2), 'unreachable'), act('email_reply', day(9))];
    const tl = replayAt(acts, day(10));
    expect(tl.transitions.map((t) => `${t.toStage}:${t.reason.split(':')[0]}`).slice(-3)).toEqual(['unreachable:manual', 'recycled:nurture', 'sal:nurture']);
  });

  it('without a nurture program people stay unreachable', () => {
    const bare = new FollowUpProvider(model, policy, null);
    const acts = [...handedOver, ...sixAttempts, act('email_reply', day(20))];
    const signals = bare.signals({ person, activities: acts }, day(30));
    expect(signals.map((s) => s.stage)).toEqual(['unreachable']);
    expect(bare.version).toBe(policy.version);
  });

  it('skips people who never reach the start or enrollment stage (no replay needed)', () => {
    expect(provider.signals({ person, activities: [act('lead_created', day(0)), act('page_view', day(1))] }, day(100))).toEqual([]);
  });
});
