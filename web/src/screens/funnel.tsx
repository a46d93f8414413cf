import type { ChartConfiguration } from 'chart.js';
import { ApiError, call } from '../api/client.js';
import type { Diagnosis, FunnelGroup, FunnelReport, StageFigures } from '../api/types.js';
import { ChartCanvas } from '../components/chart.js';
import { Filters } from '../components/filters.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtInt, fmtMoney, fmtNumber, fmtPercent } from '../format.js';
import { currentLanguage, LANGUAGES, t } from '../i18n/i18n.js';
import { ltr, stageName, teamName, transitionName } from '../labels.js';
import { parsePeriod } from '../period.js';
import { useApi } from '../use-api.js';

/** The split filters and the person field each one splits by (segment is the industry in the demo data). */
export const SPLITS = { source: 'source', owner: 'owner', segment: 'industry' } as const;
type Split = keyof typeof SPLITS;

const optionCache = new Map<string, Promise<string[]>>();
function splitOptions(field: string): Promise<string[]> {
  let p = optionCache.get(field);
  if (!p) {
    p = call<FunnelReport>('funnel', { query: { by: field } }).then((r) => (r.groups ?? []).map((g) => g.key).filter((k) => k !== '(none)'));
    p.catch(() => optionCache.delete(field));
    optionCache.set(field, p);
  }
  return p;
}

function Bottleneck({ diagnosis }: { diagnosis: Diagnosis }) {
  const top = diagnosis.findings[0];
  if (!top) return <Empty>{t('funnel.noBottleneck')}</Empty>;
  return (
    <article class="bottleneck" aria-labelledby="bottleneck-title" data-testid="bottleneck">
      <h2 id="bottleneck-title">{t('funnel.bottleneck')}</h2>
      <p class="headline">
        <strong data-testid="bottleneck-transition">{transitionName(top.transition)}</strong> · {t(`finding.${top.kind}`)} ·{' '}
        <span data-testid="bottleneck-owner">{t('funnel.ownedBy', { team: teamName(top.owner) })}</span>
      </p>
      <p>
        {t(`finding.explain.${top.kind}`, {
          transition: transitionName(top.transition),
          conversion: fmtPercent(top.figures.conversion ?? null),
          target: fmtPercent(top.figures.target ?? null),
          pastSla: fmtInt(top.figures.pastSla ?? null),
          inStage: fmtInt(top.figures.inStage ?? null),
        })}{' '}
        {t('funnel.atStake', { money: fmtMoney(top.revenueAtStake, diagnosis.currency, true), deals: fmtNumber(top.dealsAtStake) })}
      </p>
      {currentLanguage() === 'en' && <p class="detail">{top.summary}</p>}
    </article>
  );
}

function StageTable({ stages, caption }: { stages: readonly StageFigures[]; caption: string }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-testid="funnel-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('funnel.col.stage')}</th>
            <th scope="col">{t('funnel.col.owner')}</th>
            <th scope="col" class="num">{t('funnel.col.reached')}</th>
            <th scope="col" class="num">{t('funnel.col.conversion')}</th>
            <th scope="col" class="num">{t('funnel.col.target')}</th>
            <th scope="col" class="num">{t('funnel.col.fromTop')}</th>
            <th scope="col" class="num">{t('funnel.col.days')}</th>
            <th scope="col" class="num">{t('funnel.col.current')}</th>
            <th scope="col" class="num">{t('funnel.col.pastSla')}</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => {
            const below = s.conversionToNext !== null && s.targetConversion !== null && s.conversionToNext < s.targetConversion;
            return (
              <tr key={s.id} data-stage={s.id}>
                <th scope="row">{stageName(s.id)}</th>
                <td>{teamName(s.owner)}</td>
                <td class="num" data-field="reached">{fmtInt(s.reached)}</td>
                <td class={`num${below ? ' below' : ''}`} data-field="conversion">
                  {fmtPercent(s.conversionToNext)}
                  {below && <span class="tag">{t('funnel.belowTarget')}</span>}
                </td>
                <td class="num">{fmtPercent(s.targetConversion)}</td>
                <td class="num">{fmtPercent(s.conversionFromTop)}</td>
                <td class="num">{fmtNumber(s.medianDaysToNext)}</td>
                <td class="num">{fmtInt(s.current)}</td>
                <td class="num">{fmtInt(s.pastSla)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function chartOf(stages: readonly StageFigures[]): ChartConfiguration {
  const rtl = LANGUAGES[currentLanguage()] === 'rtl';
  return {
    type: 'bar',
    data: {
      labels: stages.map((s) => stageName(s.id)),
      datasets: [{ label: t('funnel.col.reached'), data: stages.map((s) => s.reached), backgroundColor: stages.map((s) => (s.owner === 'marketing' ? '#1d5fa8' : '#8a4b08')) }],
    },
    // Horizontal bars: in Arabic they grow from the right, as the text reads.
    options: { indexAxis: 'y', scales: { x: { reverse: rtl, beginAtZero: true }, y: { position: rtl ? 'right' : 'left' } }, plugins: { legend: { display: false } } },
  };
}

function Figures({ report, caption }: { report: FunnelReport | FunnelGroup; caption: string }) {
  if (report.stages.length === 0 || report.stages[0]!.reached === 0) return <Empty>{t('funnel.empty')}</Empty>;
  const r = report.revenue;
  return (
    <>
      <dl class="kpis" data-testid="revenue">
        <div>
          <dt>{t('funnel.inquiries')}</dt>
          <dd data-field="inquiries">{fmtInt(report.stages[0]!.reached)}</dd>
        </div>
        <div>
          <dt>{t('funnel.won')}</dt>
          <dd data-field="won">{fmtInt(r.wonCount)}</dd>
        </div>
        <div>
          <dt>{t('funnel.wonAmount')}</dt>
          <dd data-field="wonAmount">{fmtMoney(r.wonAmount, r.currency)}</dd>
        </div>
        <div>
          <dt>{t('funnel.winRate')}</dt>
          <dd>{fmtPercent(r.winRate)}</dd>
        </div>
      </dl>
      <StageTable stages={report.stages} caption={caption} />
      <ChartCanvas config={chartOf(report.stages)} label={t('funnel.chartLabel')} />
    </>
  );
}

export function FunnelScreen({ params }: { params: URLSearchParams }) {
  const period = params.get('period') ?? '';
  const range = parsePeriod(period);
  const split = (Object.keys(SPLITS) as Split[]).find((k) => params.get(k));
  const splitValue = split ? params.get(split)! : null;
  const query = { from: range?.from, to: range?.to, by: split ? SPLITS[split] : undefined };
  const [report, retry] = useApi(JSON.stringify(query), (signal) => call<FunnelReport>('funnel', { query, signal }));
  const [diagnosis, retryDiagnosis] = useApi(`${range?.from}|${range?.to}`, (signal) =>
    // A server older than the diagnosis route answers 404: say so instead of failing the screen.
    call<Diagnosis>('diagnose', { query: { from: range?.from, to: range?.to }, signal }).catch((e: unknown) => {
      if (e instanceof ApiError && e.noSuchRoute) return null;
      throw e;
    }),
  );
  const [options] = useApi('options', async () => {
    const [source, owner, segment] = await Promise.all([splitOptions(SPLITS.source), splitOptions(SPLITS.owner), splitOptions(SPLITS.segment)]);
    return { source, owner, segment };
  });
  const periodText = range ? t('filters.periodRange', { period: ltr(period), from: ltr(range.from), to: ltr(range.to) }) : t('filters.allTime');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('funnel.title')}</h1>
      <Filters params={params} show={['period', 'source', 'owner', 'segment']} options={options.state === 'ready' ? options.data : {}} />
      {(['source', 'owner', 'segment'] as const).filter((k) => params.get(k)).length > 1 && <p class="note">{t('filters.oneSplit', { name: t(`filters.${split}`) })}</p>}
      <Loaded load={diagnosis} what={t('funnel.bottleneck')} retry={retryDiagnosis}>
        {(d) => (d ? <Bottleneck diagnosis={d} /> : <Empty>{t('funnel.noDiagnose')}</Empty>)}
      </Loaded>
      <Loaded load={report} what={t('funnel.title')} retry={retry}>
        {(r) => {
          if (split && splitValue) {
            const group = r.groups?.find((g) => g.key === splitValue);
            if (!group) return <Empty>{t('funnel.noGroup', { name: t(`filters.${split}`), value: splitValue })}</Empty>;
            return <Figures report={group} caption={`${periodText} · ${t(`filters.${split}`)}: ${splitValue}`} />;
          }
          return <Figures report={r} caption={periodText} />;
        }}
      </Loaded>
    </section>
  );
}
