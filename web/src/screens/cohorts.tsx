import type { ChartConfiguration } from 'chart.js';
import { call } from '../api/client.js';
import type { CohortReport } from '../api/types.js';
import { ChartCanvas } from '../components/chart.js';
import { Filters } from '../components/filters.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtInt, fmtPercent } from '../format.js';
import { currentLanguage, LANGUAGES, t } from '../i18n/i18n.js';
import { stageName } from '../labels.js';
import { parsePeriod } from '../period.js';
import { useApi } from '../use-api.js';

/** Share reaching each stage per cohort, as a matrix: darker is more. Stages after the first only (it is always 100%). */
function heatmap(r: CohortReport): ChartConfiguration {
  const stages = (r.cohorts[0]?.stages ?? []).slice(1).map((s) => s.id);
  const max = Math.max(0.0001, ...r.cohorts.flatMap((c) => c.stages.slice(1).map((s) => s.share ?? 0)));
  const data = r.cohorts.flatMap((c) => c.stages.slice(1).map((s) => ({ x: stageName(s.id), y: c.cohort, v: s.share ?? 0 })));
  const rtl = LANGUAGES[currentLanguage()] === 'rtl';
  return {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: t('cohorts.share'),
          data,
          backgroundColor: (ctx: { raw?: { v: number } }) => `rgba(29, 95, 168, ${0.08 + 0.92 * Math.sqrt((ctx.raw?.v ?? 0) / max)})`,
          borderColor: '#ffffff',
          borderWidth: 1,
          width: ({ chart }: { chart: { chartArea?: { width: number } } }) => (chart.chartArea?.width ?? 0) / stages.length - 2,
          height: ({ chart }: { chart: { chartArea?: { height: number } } }) => (chart.chartArea?.height ?? 0) / Math.max(1, r.cohorts.length) - 2,
        },
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item: { raw: unknown }) => { const raw = item.raw as { x: string; y: string; v: number }; return `${raw.y} · ${raw.x}: ${fmtPercent(raw.v)}`; } } },
      },
      scales: {
        x: { type: 'category', labels: stages.map((s) => stageName(s)), reverse: rtl, offset: true, grid: { display: false } },
        y: { type: 'category', labels: r.cohorts.map((c) => c.cohort), offset: true, reverse: true, position: rtl ? 'right' : 'left', grid: { display: false } },
      },
    },
  } as unknown as ChartConfiguration;
}

export function CohortsScreen({ params }: { params: URLSearchParams }) {
  const range = parsePeriod(params.get('period') ?? '');
  const grain = params.get('grain') === 'quarter' ? 'quarter' : 'month';
  const query = { from: range?.from, to: range?.to, by: grain };
  const [load, retry] = useApi(JSON.stringify(query), (signal) => call<CohortReport>('cohorts', { query, signal }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('cohorts.title')}</h1>
      <Filters params={params} show={['period']} />
      <Loaded load={load} what={t('cohorts.title')} retry={retry}>
        {(r) =>
          r.cohorts.length === 0 ? (
            <Empty>{t('cohorts.empty')}</Empty>
          ) : (
            <>
              <p>{t('cohorts.intro')}</p>
              <ChartCanvas config={heatmap(r)} label={t('cohorts.chartLabel')} height={Math.max(200, 28 * r.cohorts.length + 60)} />
              <div class="table-wrap" tabIndex={0} role="region" aria-label={t('cohorts.title')}>
                <table data-testid="cohorts-table">
                  <caption>{t('cohorts.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('cohorts.cohort')}</th>
                      <th scope="col" class="num">{t('cohorts.size')}</th>
                      {(r.cohorts[0]?.stages ?? []).slice(1).map((s) => (
                        <th scope="col" class="num" key={s.id}>{stageName(s.id)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {r.cohorts.map((c) => (
                      <tr key={c.cohort}>
                        <th scope="row"><bdi>{c.cohort}</bdi></th>
                        <td class="num">{fmtInt(c.size)}</td>
                        {c.stages.slice(1).map((s) => (
                          <td class="num" key={s.id}>{fmtPercent(s.share)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </Loaded>
    </section>
  );
}
