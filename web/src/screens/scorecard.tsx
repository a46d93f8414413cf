import { call } from '../api/client.js';
import type { Scorecard } from '../api/types.js';
import { Filters } from '../components/filters.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtInt, fmtList, fmtMoney, fmtPercent } from '../format.js';
import { t } from '../i18n/i18n.js';
import { stageName, teamName, transitionName } from '../labels.js';
import { parsePeriod } from '../period.js';
import { useApi } from '../use-api.js';

function onTarget(v: boolean | null): string {
  return v === null ? '—' : v ? t('scorecard.onTarget') : t('scorecard.belowTarget');
}

/** Per team and owner: stages owned, target vs actual, SLA compliance, what was handed on. */
export function ScorecardScreen({ params }: { params: URLSearchParams }) {
  const period = params.get('period') ?? '';
  const valid = parsePeriod(period) ? period : undefined;
  const [load, retry] = useApi(valid ?? '', (signal) => call<Scorecard>('scorecard', { query: { period: valid }, signal }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('scorecard.title')}</h1>
      <Filters params={params} show={['period']} />
      <Loaded load={load} what={t('scorecard.title')} retry={retry}>
        {(s) =>
          s.stages.length === 0 ? (
            <Empty>{t('scorecard.empty')}</Empty>
          ) : (
            <>
              <div class="cards">
                {s.teams.map((team) => (
                  <article key={team.team} data-team={team.team}>
                    <h2>{teamName(team.team)}</h2>
                    <dl>
                      <dt>{t('scorecard.stages')}</dt>
                      <dd>{fmtList(team.stages.map(stageName))}</dd>
                      <dt>{t('scorecard.transitionsOnTarget')}</dt>
                      <dd>{t('scorecard.ofJudged', { on: fmtInt(team.transitionsOnTarget), judged: fmtInt(team.transitionsJudged) })}</dd>
                      <dt>{t('scorecard.sla')}</dt>
                      <dd>{fmtPercent(team.slaCompliance)}</dd>
                      <dt>{t('scorecard.handedOn')}</dt>
                      <dd>{fmtInt(team.handedOn)}</dd>
                    </dl>
                  </article>
                ))}
              </div>
              <div class="table-wrap" tabIndex={0} role="region" aria-label={t('scorecard.byStage')}>
                <table>
                  <caption>{t('scorecard.byStage')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('funnel.col.stage')}</th>
                      <th scope="col">{t('funnel.col.owner')}</th>
                      <th scope="col">{t('scorecard.transition')}</th>
                      <th scope="col" class="num">{t('scorecard.actual')}</th>
                      <th scope="col" class="num">{t('funnel.col.target')}</th>
                      <th scope="col">{t('scorecard.verdict')}</th>
                      <th scope="col" class="num">{t('scorecard.sla')}</th>
                      <th scope="col" class="num">{t('scorecard.handedOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.stages.map((row) => (
                      <tr key={row.stage}>
                        <th scope="row">{stageName(row.stage)}</th>
                        <td>{teamName(row.owner)}</td>
                        <td>{transitionName(row.transition)}</td>
                        <td class="num">{fmtPercent(row.conversion)}</td>
                        <td class="num">{fmtPercent(row.target)}</td>
                        <td class={row.onTarget === false ? 'below' : ''}>{onTarget(row.onTarget)}</td>
                        <td class="num">{fmtPercent(row.slaCompliance)}</td>
                        <td class="num">{fmtInt(row.handedOn)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {s.owners.length > 0 && (
                <div class="table-wrap" tabIndex={0} role="region" aria-label={t('scorecard.byOwner')}>
                  <table>
                    <caption>{t('scorecard.byOwner')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('funnel.col.owner')}</th>
                        <th scope="col" class="num">{t('scorecard.units')}</th>
                        <th scope="col" class="num">{t('scorecard.sla')}</th>
                        <th scope="col" class="num">{t('funnel.won')}</th>
                        <th scope="col" class="num">{t('funnel.wonAmount')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.owners.map((o) => (
                        <tr key={o.owner}>
                          <th scope="row">{o.owner}</th>
                          <td class="num">{fmtInt(o.units)}</td>
                          <td class="num">{fmtPercent(o.slaCompliance)}</td>
                          <td class="num">{fmtInt(o.wonCount)}</td>
                          <td class="num">{fmtMoney(o.wonAmount, s.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )
        }
      </Loaded>
    </section>
  );
}
