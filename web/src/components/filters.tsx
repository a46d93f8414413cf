import { useEffect, useState } from 'preact/hooks';
import { parsePeriod, periodSuggestions } from '../period.js';
import { t } from '../i18n/i18n.js';
import { setParams } from '../router.js';

/** The filters a view shares through its URL. */
export type FilterName = 'period' | 'source' | 'owner' | 'segment';

/**
 * Filter fields: each change lands in the URL, so the view can be shared by link. The period
 * takes what the CLI takes (2024, 2024-Q2, 2024-05, FROM..TO) and says so when it cannot read one.
 */
export function Filters({ params, show, options = {} }: { params: URLSearchParams; show: readonly FilterName[]; options?: Partial<Record<FilterName, readonly string[]>> }) {
  const [period, setPeriod] = useState(params.get('period') ?? '');
  const [bad, setBad] = useState(false);
  // The URL is the truth: a link, back or forward changes the field too.
  useEffect(() => setPeriod(params.get('period') ?? ''), [params.get('period')]);
  const apply = (e: Event): void => {
    e.preventDefault();
    const value = period.trim();
    if (value && !parsePeriod(value)) {
      setBad(true);
      return;
    }
    setBad(false);
    setParams({ period: value || null });
  };
  return (
    <form class="filters" role="search" aria-label={t('filters.label')} onSubmit={apply}>
      {show.includes('period') && (
        <div class="field">
          <label for="f-period">{t('filters.period')}</label>
          <div role="group" class="inline">
            <input
              id="f-period"
              dir="ltr"
              name="period"
              list="period-suggestions"
              value={period}
              placeholder="2024-Q2"
              aria-invalid={bad ? 'true' : undefined}
              aria-describedby="f-period-help"
              onInput={(e) => setPeriod((e.target as HTMLInputElement).value)}
            />
            <button type="submit">{t('filters.apply')}</button>
          </div>
          <small id="f-period-help">{bad ? t('filters.badPeriod') : t('filters.periodHelp')}</small>
          <datalist id="period-suggestions">
            {periodSuggestions([2024, 2025]).map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </div>
      )}
      {(['source', 'owner', 'segment'] as const)
        .filter((name) => show.includes(name))
        .map((name) => (
          <div class="field" key={name}>
            <label for={`f-${name}`}>{t(`filters.${name}`)}</label>
            <select id={`f-${name}`} name={name} value={params.get(name) ?? ''} onChange={(e) => setParams({ [name]: (e.target as HTMLSelectElement).value || null })}>
              <option value="">{t('filters.all')}</option>
              {(options[name] ?? []).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
              {params.get(name) && !(options[name] ?? []).includes(params.get(name)!) && <option value={params.get(name)!}>{params.get(name)}</option>}
            </select>
          </div>
        ))}
    </form>
  );
}
