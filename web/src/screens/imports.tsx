import { useEffect } from 'preact/hooks';
import { call } from '../api/client.js';
import type { ImportRun, Reject } from '../api/types.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { t } from '../i18n/i18n.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';

function Rejects({ id }: { id: string }) {
  const [load, retry] = useApi(`rejects|${id}`, (signal) => call<{ total: number; rejects: Reject[] }>('importRejects', { path: { id }, query: { limit: 100 }, signal }));
  return (
    <Loaded load={load} what={t('imports.rejects')} retry={retry}>
      {(r) =>
        r.rejects.length === 0 ? (
          <Empty>{t('imports.noRejects')}</Empty>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('imports.rejects')}>
            <table data-testid="rejects-table">
              <caption>{t('imports.rejectsCaption', { shown: fmtInt(r.rejects.length), total: fmtInt(r.total) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.file')}</th>
                  <th scope="col" class="num">{t('imports.row')}</th>
                  <th scope="col">{t('imports.field')}</th>
                  <th scope="col">{t('imports.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {r.rejects.map((x, i) => (
                  <tr key={i}>
                    <td><bdi>{x.file}</bdi></td>
                    <td class="num">{fmtInt(x.row)}</td>
                    <td><bdi>{x.field ?? '—'}</bdi></td>
                    <td><bdi>{x.reason}</bdi></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Loaded>
  );
}

/** Import runs with their progress (refreshed while one runs) and, for the chosen run, its rejected rows. */
export function ImportsScreen({ params }: { params: URLSearchParams }) {
  const selected = params.get('run');
  const [load, retry] = useApi('imports', (signal) => call<{ runs: ImportRun[] }>('imports', { query: { limit: 20 }, signal }));
  const running = load.state === 'ready' && load.data.runs.some((r) => r.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(retry, 2000);
    return () => clearTimeout(timer);
  });
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      <Loaded load={load} what={t('imports.title')} retry={retry}>
        {(r) =>
          r.runs.length === 0 ? (
            <Empty>{t('imports.none')}</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('imports.title')}>
              <table data-testid="imports-table">
                <caption>{t('imports.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('imports.started')}</th>
                    <th scope="col">{t('imports.status')}</th>
                    <th scope="col">{t('imports.files')}</th>
                    <th scope="col" class="num">{t('imports.ok')}</th>
                    <th scope="col" class="num">{t('imports.rejected')}</th>
                    <th scope="col">{t('imports.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.runs.map((run) => {
                    const pct = run.progress && run.progress.bytesTotal > 0 ? run.progress.bytesRead / run.progress.bytesTotal : run.status === 'done' ? 1 : 0;
                    return (
                      <tr key={run.id}>
                        <th scope="row">
                          <a href={href('/imports', { run: run.id })} aria-current={selected === run.id ? 'true' : undefined}>
                            {fmtDateTime(run.startedAt)}
                          </a>
                        </th>
                        <td>{t(`imports.statusName.${run.status}`)}{run.error ? `: ${run.error}` : ''}</td>
                        <td>
                          <bdi>{run.files.join(', ')}</bdi>
                        </td>
                        <td class="num">{fmtInt(run.rowsOk)}</td>
                        <td class="num">{fmtInt(run.rowsRejected)}</td>
                        <td>
                          <progress value={Math.round(pct * 100)} max={100} aria-label={t('imports.progressOf', { when: fmtDateTime(run.startedAt) })} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {selected ? (
        <>
          <h2>{t('imports.rejects')}</h2>
          <Rejects id={selected} />
        </>
      ) : (
        <p class="note">{t('imports.pickRun')}</p>
      )}
    </section>
  );
}
