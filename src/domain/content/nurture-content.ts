import { TandemError } from '../errors.js';
import type { NurtureProgram, NurtureStep } from '../nurture-program.js';
import type { ContentCatalogue, ContentPiece } from './content-catalogue.js';

const mdText = (s: string): string => s.replace(/([\\[\]*_`{}])/g, '\\$1');

function link(piece: ContentPiece): string {
  return piece.url ? `**[${mdText(piece.title)}](${piece.url})**` : `**${mdText(piece.title)}**`;
}

function resolveStep(step: NurtureStep, piece: ContentPiece): NurtureStep {
  return {
    ...step,
    subject: step.subject || piece.title.replace(/[{}]/g, ''),
    body: step.body
      ? `${step.body.trimEnd()}\n\n${link(piece)}\n`
      : `Hi {{firstName | there}},\n\nThis may be useful for {{company | your team}}: ${link(piece)}\n\nReply any time — a person reads every answer.\n`,
  };
}

/**
 * The program with every `content:` step made a message from its catalogue piece: the piece's
 * title is the subject (unless the step has one) and its link ends the body (a short body is
 * written when the step has none). A step naming a piece the catalogue lacks is a config error
 * (`strict`), or left as written (replay, which reads only the steps' timing).
 */
export function resolveNurtureContent(program: NurtureProgram, catalogue: ContentCatalogue | null, file: string, strict = true): NurtureProgram {
  if (!program.steps.some((s) => s.content)) return program;
  const steps = program.steps.map((step, i) => {
    if (!step.content) return step;
    const piece = catalogue?.pieces.find((p) => p.id === step.content);
    if (!piece) {
      // Replay only needs the steps' timing: leave the step as written and let sending refuse.
      if (!strict) return step;
      const why = catalogue ? `the content catalogue ${catalogue.version} has no piece "${step.content}"` : `it names content piece "${step.content}" but no content catalogue is adopted (tandem content adopt FILE)`;
      throw new TandemError('CONFIG_INVALID', `${file}: field steps.${i}.content: ${why}`, { place: { file, field: `steps.${i}.content` } });
    }
    return resolveStep(step, piece);
  });
  return Object.freeze({ ...program, steps });
}
