import { call } from '../api/client.js';
import type { QueueItem, WorkQueue } from '../api/types.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtDateTime, fmtInt, fmtNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { href, setParams } from '../router.js';
import { useApi } from '../use-api.js';

/** Overdue first, the longest overdue on top; then what is due soonest. */
export function byUrgency(a: QueueItem, b: QueueItem): number {
  const ao = a.status === 'overdue' ? 0 : 1;
  const bo = b.status === 'overdue' ? 0 : 1;
  return ao - bo || (ao === 0 ? b.overdueHours - a.overdueHours : a.dueAt.localeCompare(b.dueAt));
}

/** Who each owner should contact next, under the contact policy. */
export function QueuesScreen({ params }: { params: URLSearchParams }) {
  const owner = params.get('owner') ?? '';
  const at = params.get('at') ?? '';
  const atIso = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T00:00:00.000Z` : undefined;
  const [all] = useApi(`all|${atIso}`, (signal) => call<WorkQueue>('queues', { query: { at: atIso }, signal }));
  const [load, retry] = useApi(`${owner}|${atIso}`, (signal) => call<WorkQueue>('queues', { query: { owner: owner || undefined, at: atIso }, signal }));
  const owners = all.state === 'ready' ? [...new Set(all.data.items.map((i) => i.owner ?? ''))].sort() : [];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('queues.title')}</h1>
      <form class="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="q-owner">{t('filters.owner')}</label>
          <select id="q-owner" value={owner} onChange={(e) => setParams({ owner: (e.target as HTMLSelectElement).value || null })}>
            <option value="">{t('filters.all')}</option>
            {owners.map((o) => (
              <option key={o} value={o}>
                {o || t('queues.unassigned')}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-at">{t('queues.at')}</label>
          <input id="q-at" type="date" value={at} onChange={(e) => setParams({ at: (e.target as HTMLInputElement).value || null })} />
        </div>
      </form>
      {all.state === 'ready' && (
        <ul class="owner-summary" aria-label={t('queues.perOwner')}>
          {owners.map((o) => {
            const mine = all.data.items.filter((i) => (i.owner ?? '') === o);
            return (
              <li key={o}>
                <a href={href('/queues', { owner: o, at })}>{o || t('queues.unassigned')}</a>: {t('queues.counts', { total: fmtInt(mine.length), overdue: fmtInt(mine.filter((i) => i.status === 'overdue').length) })}
              </li>
            );
          })}
        </ul>
      )}
      <Loaded load={load} what={t('queues.title')} retry={retry}>
        {(q) =>
          q.items.length === 0 ? (
            <Empty>{t('queues.empty')}</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('queues.title')}>
              <table data-testid="queue-table">
                <caption>{t('queues.caption', { at: fmtDateTime(q.at), n: fmtInt(q.items.length) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('queues.person')}</th>
                    <th scope="col">{t('funnel.col.owner')}</th>
                    <th scope="col">{t('queues.status')}</th>
                    <th scope="col">{t('queues.channel')}</th>
                    <th scope="col" class="num">{t('queues.attempt')}</th>
                    <th scope="col">{t('queues.due')}</th>
                    <th scope="col" class="num">{t('queues.overdueDays')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...q.items].sort(byUrgency).slice(0, 200).map((i) => (
                    <tr key={i.personId}>
                      <th scope="row">
                        <a href={href(`/persons/${encodeURIComponent(i.personId)}`)}>{i.name}</a>
                        {i.company && <small class="sub">{i.company}</small>}
                      </th>
                      <td>{i.owner ?? t('queues.unassigned')}</td>
                      <td class={i.status === 'overdue' ? 'below' : ''}>{t(`queues.statusName.${i.status}`, { defaultValue: i.status })}</td>
                      <td>{t(`queues.channelName.${i.channel}`, { defaultValue: i.channel })}</td>
                      <td class="num">{t('queues.attemptOf', { n: fmtInt(i.attempt), of: fmtInt(i.required) })}</td>
                      <td>{fmtDateTime(i.dueAt)}</td>
                      <td class="num">{i.status === 'overdue' ? fmtNumber(i.overdueHours / 24) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {q.items.length > 200 && <p class="note">{t('queues.more', { n: fmtInt(q.items.length - 200) })}</p>}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
