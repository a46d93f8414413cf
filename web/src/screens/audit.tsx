import { call } from '../api/client.js';
import type { AuditEntry } from '../api/types.js';
import { Empty, Loaded } from '../components/states.js';
import { fmtDateTime, fmtInt } from '../format.js';
import { t } from '../i18n/i18n.js';
import { setParams } from '../router.js';
import { useApi } from '../use-api.js';

function brief(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** Every change to what both teams share, and every approval: who, when, what, before and after. */
export function AuditScreen({ params }: { params: URLSearchParams }) {
  const action = params.get('action') ?? '';
  const [load, retry] = useApi(`audit|${action}`, (signal) => call<{ total: number; entries: AuditEntry[] }>('audit', { query: { action: action || undefined, limit: 100 }, signal }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('audit.title')}</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="a-action">{t('audit.action')}</label>
          <input id="a-action" value={action} placeholder="proposal.approved" onChange={(e) => setParams({ action: (e.target as HTMLInputElement).value.trim() || null })} />
        </div>
      </form>
      <Loaded load={load} what={t('audit.title')} retry={retry}>
        {(r) =>
          r.entries.length === 0 ? (
            <Empty>{t('audit.none')}</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('audit.title')}>
              <table data-testid="audit-table">
                <caption>{t('audit.caption', { shown: fmtInt(r.entries.length), total: fmtInt(r.total) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.when')}</th>
                    <th scope="col">{t('audit.who')}</th>
                    <th scope="col">{t('audit.action')}</th>
                    <th scope="col">{t('audit.subject')}</th>
                    <th scope="col">{t('audit.change')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.entries.map((e) => (
                    <tr key={e.id}>
                      <td>{fmtDateTime(e.at)}</td>
                      <td><bdi>{e.actorName}</bdi></td>
                      <td>{t(`audit.actions.${e.action.replace(/\./g, '_')}`, { defaultValue: e.action })}</td>
                      <td><bdi>{e.subjectType} {e.subjectId ?? ''}</bdi></td>
                      <td>
                        <details>
                          <summary>{t('audit.details')}</summary>
                          <p><strong>{t('audit.before')}</strong> <code dir="ltr">{brief(e.before)}</code></p>
                          <p><strong>{t('audit.after')}</strong> <code dir="ltr">{brief(e.after)}</code></p>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
