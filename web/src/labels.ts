import { currentLanguage, LANGUAGES, t } from './i18n/i18n.js';

/** Stage, team and status names through the catalogue; an unknown id shows as itself. */
export function stageName(id: string | null | undefined): string {
  if (!id) return '—';
  return t(`stage.${id}`, { defaultValue: id });
}

export function teamName(team: string | null | undefined): string {
  if (!team) return '—';
  return t(`team.${team}`, { defaultValue: team });
}

/** The arrow from one stage to the next, pointing the way the reader reads. */
export function arrow(): string {
  return LANGUAGES[currentLanguage()] === 'rtl' ? ' ← ' : ' → ';
}

/** `mql→sal` as "MQL → SAL" (in Arabic, right to left with the arrow pointing left). */
export function transitionName(transition: string | null | undefined): string {
  if (!transition) return '—';
  return transition
    .split('→')
    .map((s) => stageName(s))
    .join(arrow());
}

/** Codes written left to right (2024-Q2, 2024-01-01..2024-06-30) kept whole inside Arabic text. */
export function ltr(text: string): string {
  return `\u2066${text}\u2069`;
}
