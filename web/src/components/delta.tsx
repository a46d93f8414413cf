import type { Change } from '../api/types.js';
import { fmtInt, fmtNumber, fmtPercent } from '../format.js';
import { t } from '../i18n/i18n.js';

/**
 * A change, said by sign and number as well as colour (never by colour alone). Signed numbers
 * are isolated left to right so "+4" stays "+4" inside Arabic text.
 */
export function Delta({ change, kind }: { change: Change; kind: 'count' | 'rate' | 'days' }) {
  const a = change.absolute;
  if (a === null) return <span>—</span>;
  const sign = a > 0 ? '+' : a < 0 ? '−' : '±';
  const size = kind === 'rate' ? fmtNumber(Math.abs(a) * 100) : kind === 'days' ? fmtNumber(Math.abs(a)) : fmtInt(Math.abs(a));
  const rel = change.relative;
  return (
    <span class={a > 0 ? 'up' : a < 0 ? 'down' : ''}>
      <bdi dir="ltr">{`${sign}${size}`}</bdi>
      {kind === 'rate' && ` ${t('compare.points')}`}
      {kind === 'count' && rel !== null && (
        <>
          {' ('}
          <bdi dir="ltr">{`${rel > 0 ? '+' : rel < 0 ? '−' : '±'}${fmtPercent(Math.abs(rel), 0)}`}</bdi>
          {')'}
        </>
      )}
    </span>
  );
}
