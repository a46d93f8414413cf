import { describe, expect, it } from 'vitest';
import type { NurtureProgram } from '../nurture-program.js';
import { TandemError } from '../errors.js';
import { HAND_CATALOGUE } from './hand-built-people.js';
import { resolveNurtureContent } from './nurture-content.js';

const program: NurtureProgram = {
  id: 'p', version: 'p@1', name: 'P', enrollStage: 'unreachable', startAfterDays: 0, reengage: [], score: {}, exit: [], handBackTo: 'sal',
  steps: [
    { id: 'inline', subject: 'Hi', body: 'Text', waitDays: 3, content: null },
    { id: 'piece', subject: '', body: '', waitDays: 3, content: 'case-a' },
    { id: 'piece-with-text', subject: 'Our case', body: 'Have a look:', waitDays: 0, content: 'case-a' },
  ],
};

describe('nurture steps that send a catalogue piece', () => {
  it('take the piece’s title as subject and end the body with its link; inline steps stay as written', () => {
    const r = resolveNurtureContent(program, HAND_CATALOGUE, 'n.yaml');
    expect(r.steps[0]).toEqual(program.steps[0]);
    expect(r.steps[1]!.subject).toBe('case-a');
    expect(r.steps[1]!.body).toContain('**[case-a](https://www.orbit.example/case-a)**');
    expect(r.steps[1]!.body).toContain('{{firstName | there}}');
    expect(r.steps[2]!.subject).toBe('Our case');
    expect(r.steps[2]!.body).toBe('Have a look:\n\n**[case-a](https://www.orbit.example/case-a)**\n');
  });

  it('refuse a piece the catalogue lacks, naming the step, unless only replaying', () => {
    const bad = { ...program, steps: [{ ...program.steps[1]!, content: 'gone' }] };
    expect(() => resolveNurtureContent(bad, HAND_CATALOGUE, 'n.yaml')).toThrow(/n\.yaml: field steps\.0\.content: the content catalogue hand@1 has no piece "gone"/);
    expect(() => resolveNurtureContent(bad, null, 'n.yaml')).toThrow(TandemError);
    expect(resolveNurtureContent(bad, null, 'n.yaml', false).steps[0]!.body).toBe('');
  });
});
