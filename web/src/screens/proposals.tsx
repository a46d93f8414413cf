import { useState } from 'preact/hooks';
import { call } from '../api/client.js';
import type { BacktestSide, Me, Proposal } from '../api/types.js';
import { Empty, ErrorState, Loaded } from '../components/states.js';
import { fmtDateTime, fmtInt, fmtMoney, fmtPercent } from '../format.js';
import { t } from '../i18n/i18n.js';
import { stageName, teamName } from '../labels.js';
import { useApi } from '../use-api.js';

function isFunnelBacktest(b: unknown): b is { current: BacktestSide; candidate: BacktestSide; persons: number } {
  const x = b as { current?: { stages?: unknown }; candidate?: { stages?: unknown } } | null;
  return !!x && Array.isArray(x.current?.stages) && Array.isArray(x.candidate?.stages);
}

/** The backtest: the adopted model and the candidate on the same history, column by column. */
function Backtest({ backtest }: { backtest: unknown }) {
  if (backtest === null || backtest === undefined) return <p class="note">{t('proposals.noBacktest')}</p>;
  if (!isFunnelBacktest(backtest)) return <pre class="raw">{JSON.stringify(backtest, null, 2)}</pre>;
  const { current, candidate } = backtest;
  return (
    <table class="backtest">
      <caption>{t('proposals.backtestCaption', { n: fmtInt(backtest.persons) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('funnel.col.stage')}</th>
          <th scope="col" class="num">{t('proposals.current')}</th>
          <th scope="col" class="num">{t('proposals.candidate')}</th>
        </tr>
      </thead>
      <tbody>
        {current.stages.map((s, i) => {
          const c = candidate.stages[i];
          const changed = c && (c.reached !== s.reached || c.conversionToNext !== s.conversionToNext);
          return (
            <tr key={s.id} class={changed ? 'changed' : ''}>
              <th scope="row">{stageName(s.id)}</th>
              <td class="num">
                {fmtInt(s.reached)} · {fmtPercent(s.conversionToNext)}
              </td>
              <td class="num">
                {fmtInt(c?.reached)} · {fmtPercent(c?.conversionToNext)}
              </td>
            </tr>
          );
        })}
        <tr>
          <th scope="row">{t('funnel.wonAmount')}</th>
          <td class="num">{fmtMoney(current.revenue.wonAmount, current.revenue.currency)}</td>
          <td class="num">{fmtMoney(candidate.revenue.wonAmount, candidate.revenue.currency)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function ProposalCard({ summary, me, onChanged }: { summary: Proposal; me: Me; onChanged: () => void }) {
  const [load, retry] = useApi(`proposal|${summary.id}|${summary.status}`, (signal) => call<Proposal>('proposal', { path: { id: summary.id }, signal }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const act = async (action: 'approve' | 'reject'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call('approve' === action ? 'approve' : 'reject', { path: { id: summary.id }, ...(action === 'reject' ? { body: {} } : {}) });
      onChanged();
      retry();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article class="proposal" data-proposal={summary.id} aria-labelledby={`p-${summary.id}`}>
      <h2 id={`p-${summary.id}`}>
        <bdi>{summary.title}</bdi>
      </h2>
      <p>
        <span class={`badge status-${summary.status}`} data-testid="proposal-status">
          {t(`proposals.status.${summary.status}`, { defaultValue: summary.status })}
        </span>{' '}
        {t('proposals.meta', { kind: t(`proposals.kind.${summary.kind}`, { defaultValue: summary.kind }), who: summary.proposedBy, when: fmtDateTime(summary.createdAt) })}
      </p>
      {summary.note && <p>{summary.note}</p>}
      <Loaded load={load} what={summary.title} retry={retry}>
        {(p) => {
          const approvedBy = p.approvals ?? [];
          const mine = (me.role === 'marketing' || me.role === 'sales') && p.status === 'open' && !approvedBy.some((a) => a.role === me.role);
          return (
            <>
              <Backtest backtest={p.backtest} />
              <p data-testid="signoff">
                {(['marketing', 'sales'] as const).map((team) => {
                  const a = approvedBy.find((x) => x.role === team);
                  return (
                    <span key={team} class="signoff">
                      {a ? t('proposals.approvedBy', { team: teamName(team), who: a.userName, when: fmtDateTime(a.at) }) : t('proposals.waiting', { team: teamName(team) })}
                    </span>
                  );
                })}
              </p>
              {p.status === 'open' && (
                <div class="actions">
                  {mine ? (
                    <button type="button" disabled={busy} aria-busy={busy ? 'true' : undefined} onClick={() => void act('approve')}>
                      {t('proposals.approveAs', { team: teamName(me.role) })}
                    </button>
                  ) : (
                    <p class="note">{me.role === 'marketing' || me.role === 'sales' ? t('proposals.alreadyApproved', { team: teamName(me.role) }) : t('proposals.cannotApprove')}</p>
                  )}
                  {(me.role === 'marketing' || me.role === 'sales' || me.role === 'admin') && (
                    <button type="button" class="secondary outline" disabled={busy} onClick={() => void act('reject')}>
                      {t('proposals.reject')}
                    </button>
                  )}
                </div>
              )}
              {error && <ErrorState error={error} />}
            </>
          );
        }}
      </Loaded>
    </article>
  );
}

/** Changes to the shared definitions, each with its backtest, waiting for both teams' sign-off. */
export function ProposalsScreen({ me }: { me: Me }) {
  const [version, setVersion] = useState(0);
  const [load, retry] = useApi(`proposals|${version}`, (signal) => call<{ proposals: Proposal[] }>('proposals', { query: { limit: 20 }, signal }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('proposals.title')}</h1>
      <p>{t('proposals.intro')}</p>
      <Loaded load={load} what={t('proposals.title')} retry={retry}>
        {(r) =>
          r.proposals.length === 0 ? (
            <Empty>{t('proposals.none')}</Empty>
          ) : (
            <div class="proposals">
              {r.proposals.map((p) => (
                <ProposalCard key={`${p.id}|${p.status}`} summary={p} me={me} onChanged={() => setVersion((v) => v + 1)} />
              ))}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
