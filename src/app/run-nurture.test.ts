import { describe, expect, it } from 'vitest';
import { loadNurtureProgram } from '../config/load-nurture-program.js';
import type { OutboxEntry, OutboxStatus } from './ports/outbox-store.js';
import { nextStep } from './run-nurture.js';

const program = loadNurtureProgram(); // steps: still-relevant (wait 14 d), useful-guide (wait 30 d), last-note
const ENROLLED = '2024-06-01T10:00:00.000Z';

function entry(step: number, status: OutboxStatus, sentAt: string | null = null, tries = 1): OutboxEntry {
  return {
    id: `m${step}`, kind: 'nurture-step', programId: program.id, programVersion: program.version, personId: 'p', enrollmentAt: ENROLLED,
    step, stepId: program.steps[step]!.id, recipient: 'p@example.org', subject: 's', unsubscribeToken: `t${step}`, status,
    claimedBy: 'a', claimedAt: sentAt ?? ENROLLED, sendingAt: sentAt, sentAt, messageId: null, transport: 'smtp', tries, error: null,
    resolvedBy: null, resolvedAt: null,
  };
}

describe('nextStep: what the outbox says comes next', () => {
  it.each([
    ['nothing sent yet: the first step, due at enrollment', [], { index: 0, dueAt: ENROLLED }],
    ['the first sent: the second, due 14 days after it was sent', [entry(0, 'sent', '2024-06-03T09:00:00.000Z')], { index: 1, dueAt: '2024-06-17T09:00:00.000Z' }],
    ['two sent: the third, 30 days after the second', [entry(0, 'sent', '2024-06-03T09:00:00.000Z'), entry(1, 'sent', '2024-06-20T09:00:00.000Z')], { index: 2, dueAt: '2024-07-20T09:00:00.000Z' }],
    ['all sent: finished', [0, 1, 2].map((i) => entry(i, 'sent', '2024-06-03T09:00:00.000Z')), { index: null, why: 'finished' }],
    ['a failed send is retried', [entry(0, 'failed', null, 2)], { index: 0, dueAt: ENROLLED }],
    ['…until it failed every try: a person must look', [entry(0, 'failed', null, 3)], { index: null, why: 'blocked' }],
    ['a released claim (never sent) is retried', [entry(0, 'released')], { index: 0, dueAt: ENROLLED }],
    ['checked and not sent: sent again', [entry(0, 'not-sent')], { index: 0, dueAt: ENROLLED }],
    ['outcome unknown: never resent, the sequence waits', [entry(0, 'unknown', null)], { index: null, why: 'blocked' }],
    ['another scheduler is sending it', [entry(0, 'sending')], { index: null, why: 'in-flight' }],
    ['another scheduler claimed it', [entry(0, 'claimed')], { index: null, why: 'in-flight' }],
    ['a bounce stops the program', [entry(0, 'sent', '2024-06-03T09:00:00.000Z'), entry(1, 'bounced')], { index: null, why: 'exited' }],
  ])('%s', (_what, entries, expected) => {
    expect(nextStep(program, ENROLLED, entries as OutboxEntry[])).toEqual(expected);
  });
});
