import { useEffect, useState } from 'preact/hooks';
import { call } from '../api/client.js';
import type { CompareReport } from '../api/types.js';
import { Delta } from '../components/delta.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtInt, fmtMoney, fmtPercent } from '../format.js';
import { t } from '../i18n/i18n.js';
import { ltr, stageName } from '../labels.js';
import { parsePeriod, periodSuggestions } from '../period.js';
import { setParams } from '../router.js';
import { useApi } from '../use-api.js';

/** Two periods side by side: pick both; the pair is in the URL (?a=2024-Q2&b=2024-Q4). */
export function CompareScreen({ params }: { params: URLSearchParams }) {
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const [draft, setDraft] = useState({ a, b });
  const [bad, setBad] = useState(false);
  useEffect(() => setDraft({ a, b }), [a, b]);
  const ready = !!parsePeriod(a) && !!parsePeriod(b);
  const [load, retry] = useApi(`${a}|${b}`, (signal) => (ready ? call<CompareReport>('compare', { query: { a, b }, signal }) : Promise.resolve(null)));
  const submit = (e: Event): void => {
    e.preventDefault();
    const ok = parsePeriod(draft.a) && parsePeriod(draft.b);
    setBad(!ok);
    if (ok) setParams({ a: draft.a.trim(), b: draft.b.trim() });
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('compare.title')}</h1>
      <form class="filters" onSubmit={submit} aria-label={t('compare.pick')}>
        {(['a', 'b'] as const).map((side) => (
          <div class="field" key={side}>
            <label for={`period-${side}`}>{t(`compare.period${side.toUpperCase()}`)}</label>
            <input id={`period-${side}`} dir="ltr" list="compare-suggestions" placeholder={side === 'a' ? '2024-Q2' : '2024-Q4'} value={draft[side]} aria-invalid={bad ? 'true' : undefined} aria-describedby="compare-help" onInput={(e) => setDraft({ ...draft, [side]: (e.target as HTMLInputElement).value })} />
          </div>
        ))}
        <div class="field">
          <button type="submit">{t('compare.submit')}</button>
        </div>
        <small id="compare-help">{bad ? t('filters.badPeriod') : t('filters.periodHelp')}</small>
        <datalist id="compare-suggestions">
          {periodSuggestions([2024, 2025]).map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </form>
      <Loaded load={load} what={t('compare.title')} retry={retry}>
        {(r) =>
          !r ? (
            <Empty>{t('compare.choose')}</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('compare.title')}>
              <table data-testid="compare-table">
                <caption>{t('compare.caption', { a: ltr(r.a.period), b: ltr(r.b.period) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('compare.figure')}</th>
                    <th scope="col" class="num"><bdi>{r.a.period}</bdi></th>
                    <th scope="col" class="num"><bdi>{r.b.period}</bdi></th>
                    <th scope="col" class="num">{t('compare.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.change.stages.map((c, i) => (
                    <tr key={`r-${c.id}`}>
                      <th scope="row">{t('compare.reached', { stage: stageName(c.id) })}</th>
                      <td class="num">{fmtInt(r.a.stages[i]?.reached)}</td>
                      <td class="num">{fmtInt(r.b.stages[i]?.reached)}</td>
                      <td class="num"><Delta change={c.reached} kind="count" /></td>
                    </tr>
                  ))}
                  {r.change.stages.slice(0, -1).map((c, i) => (
                    <tr key={`c-${c.id}`}>
                      <th scope="row">{t('compare.conversion', { stage: stageName(c.id), next: stageName(r.a.stages[i + 1]?.id) })}</th>
                      <td class="num">{fmtPercent(r.a.stages[i]?.conversionToNext)}</td>
                      <td class="num">{fmtPercent(r.b.stages[i]?.conversionToNext)}</td>
                      <td class="num"><Delta change={c.conversionToNext} kind="rate" /></td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">{t('funnel.won')}</th>
                    <td class="num">{fmtInt(r.a.revenue.wonCount)}</td>
                    <td class="num">{fmtInt(r.b.revenue.wonCount)}</td>
                    <td class="num"><Delta change={r.change.revenue.wonCount} kind="count" /></td>
                  </tr>
                  <tr>
                    <th scope="row">{t('funnel.wonAmount')}</th>
                    <td class="num">{fmtMoney(r.a.revenue.wonAmount, r.a.revenue.currency)}</td>
                    <td class="num">{fmtMoney(r.b.revenue.wonAmount, r.b.revenue.currency)}</td>
                    <td class="num"><Delta change={r.change.revenue.wonAmount} kind="count" /></td>
                  </tr>
                  <tr>
                    <th scope="row">{t('funnel.winRate')}</th>
                    <td class="num">{fmtPercent(r.a.revenue.winRate)}</td>
                    <td class="num">{fmtPercent(r.b.revenue.winRate)}</td>
                    <td class="num"><Delta change={r.change.revenue.winRate} kind="rate" /></td>
                  </tr>
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
