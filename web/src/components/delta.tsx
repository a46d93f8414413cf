import type { Change } from '../api/types.js';
import { fmtInt, fmtNumber, fmtPercent } from '../format.js';
import { t } from '../i18n/i18n.js';

/** A change, said in words as well as by sign (never by colour alone). */
export function Delta({ change, kind }: { change: Change; kind: 'count' | 'rate' | 'days' }) {
  const a = change.absolute;
  if (a === null) return <span>—</span>;
  const sign = a > 0 ? '+' : a < 0 ? '−' : '±';
  const size = kind === 'rate' ? t('compare.points', { n: fmtNumber(Math.abs(a) * 100) }) : kind === 'days' ? fmtNumber(Math.abs(a)) : fmtInt(Math.abs(a));
  const rel = kind === 'count' && change.relative !== null ? ` (${fmtPercent(change.relative, 0)})` : '';
  return (
    <span class={a > 0 ? 'up' : a < 0 ? 'down' : ''}>
      <bdi>{`${sign}${size}`}</bdi>
      {rel}
    </span>
  );
}
