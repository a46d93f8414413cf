import { t } from './i18n/i18n.js';

/** Stage, team and status names through the catalogue; an unknown id shows as itself. */
export function stageName(id: string | null | undefined): string {
  if (!id) return '—';
  return t(`stage.${id}`, { defaultValue: id });
}

export function teamName(team: string | null | undefined): string {
  if (!team) return '—';
  return t(`team.${team}`, { defaultValue: team });
}

/** `mql→sal` as "MQL → SAL" in the reader's language (arrow mirrored by the bidi algorithm). */
export function transitionName(transition: string | null | undefined): string {
  if (!transition) return '—';
  return transition
    .split('→')
    .map((s) => stageName(s))
    .join(' → ');
}
