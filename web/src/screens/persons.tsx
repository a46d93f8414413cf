import { useEffect, useState } from 'preact/hooks';
import { ApiError, call } from '../api/client.js';
import type { PersonExplanation, PersonJourney, PersonRecord, PersonSearch, TransitionView } from '../api/types.js';
import { Empty, ErrorState, Loaded } from '../components/states.js';
import { fmtDate, fmtDateTime, fmtInt, fmtNumber } from '../format.js';
import { t } from '../i18n/i18n.js';
import { arrow, ltr, stageName } from '../labels.js';
import { href, setParams } from '../router.js';
import { useApi } from '../use-api.js';

export function personName(p: Pick<PersonRecord, 'firstName' | 'lastName' | 'email' | 'id'>): string {
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || p.id;
}

/** Find a person by name, email or company. */
export function PersonsScreen({ params }: { params: URLSearchParams }) {
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [load, retry] = useApi(q, (signal) => call<PersonSearch>('persons', { query: { q: q || undefined, limit: 50 }, signal }));
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{t('persons.title')}</h1>
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), setParams({ q: text.trim() || null }))}>
        <div class="field">
          <label for="p-q">{t('persons.search')}</label>
          <div role="group" class="inline">
            <input id="p-q" type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
            <button type="submit">{t('persons.find')}</button>
          </div>
        </div>
      </form>
      <Loaded load={load} what={t('persons.title')} retry={retry}>
        {(r) =>
          r.persons.length === 0 ? (
            <Empty>{t('persons.none')}</Empty>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('persons.title')}>
              <table data-testid="persons-table">
                <caption>{t('persons.caption', { shown: fmtInt(r.persons.length), total: fmtInt(r.total) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('persons.name')}</th>
                    <th scope="col">{t('persons.company')}</th>
                    <th scope="col">{t('filters.source')}</th>
                    <th scope="col">{t('persons.stage')}</th>
                    <th scope="col">{t('persons.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.persons.map((h) => (
                    <tr key={h.person.id}>
                      <th scope="row">
                        <a href={href(`/persons/${encodeURIComponent(h.person.id)}`)}>{personName(h.person)}</a>
                      </th>
                      <td>{h.person.company ?? '—'}</td>
                      <td>{h.person.source ?? '—'}</td>
                      <td>{stageName(h.currentStage)}</td>
                      <td>{fmtDate(h.currentSince)}</td>
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

function reasonText(reason: string): string {
  const [kind, rest] = reason.split(/:(.*)/s);
  return t(`persons.reason.${kind}`, { defaultValue: reason, detail: ltr(rest ?? '') });
}

function Timeline({ transitions }: { transitions: readonly TransitionView[] }) {
  if (transitions.length === 0) return <Empty>{t('persons.noTimeline')}</Empty>;
  return (
    <ol class="timeline" data-testid="timeline">
      {transitions.map((tr) => (
        <li key={tr.seq}>
          <time dateTime={tr.at}>{fmtDateTime(tr.at)}</time>{' '}
          <strong>{tr.from ?? tr.fromStage ? `${stageName(tr.from ?? tr.fromStage)}${arrow()}${stageName(tr.to ?? tr.toStage)}` : t('persons.entered', { stage: stageName(tr.to ?? tr.toStage) })}</strong>
          <br />
          <small>
            {reasonText(tr.reason)}
            {tr.actor ? ` · ${t('persons.by', { actor: tr.actor })}` : ''}
          </small>
        </li>
      ))}
    </ol>
  );
}

function Explanation({ id }: { id: string }) {
  const [load] = useApi(`explain|${id}`, (signal) =>
    call<PersonExplanation>('explain', { path: { id }, signal }).catch((e: unknown) => {
      // An older server lacks the route (404 without a Tandem code); a missing person keeps its error.
      if (e instanceof ApiError && e.noSuchRoute) return null;
      throw e;
    }),
  );
  if (load.state === 'loading') return <p role="status">{t('state.loading', { what: t('persons.score') })}</p>;
  if (load.state === 'error') return <ErrorState error={load.error} />;
  const x = load.data;
  if (!x) return <Empty>{t('persons.noExplain')}</Empty>;
  if (!x.model || !x.score) return <Empty>{t('persons.noModel')}</Empty>;
  return (
    <div data-testid="score">
      <p>
        {t('persons.scoreLine', { total: fmtNumber(x.score.total, 0), fit: fmtNumber(x.score.fit, 0), engagement: fmtNumber(x.score.engagement, 0), grade: x.score.grade })}{' '}
        {x.score.qualified ? t('persons.qualified') : t('persons.notQualified', { fit: fmtNumber(x.score.thresholds.fit, 0), total: fmtNumber(x.score.thresholds.total, 0) })}
      </p>
      {x.rules.length > 0 && (
        <table>
          <caption>{t('persons.rules')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('persons.rule')}</th>
              <th scope="col" class="num">{t('persons.points')}</th>
            </tr>
          </thead>
          <tbody>
            {x.rules.map((r, i) => (
              <tr key={i}>
                <td><bdi>{r.rule}</bdi></td>
                <td class="num">{fmtNumber(r.points, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** One person: who they are, each stage move with the rule that made it, and their score explained. */
export function PersonScreen({ id }: { id: string }) {
  const [load, retry] = useApi(`person|${id}`, (signal) => call<PersonJourney>('person', { path: { id }, signal }));
  return (
    <section aria-labelledby="page-title">
      <p>
        <a href={href('/persons')}>{t('persons.back')}</a>
      </p>
      <Loaded load={load} what={t('persons.person')} retry={retry}>
        {(j) => {
          const p = j.row.person;
          return (
            <>
              <h1 id="page-title">{personName(p)}</h1>
              <dl class="facts">
                {(['email', 'company', 'title', 'source', 'owner', 'country', 'industry'] as const).map((k) =>
                  p[k] ? (
                    <div key={k}>
                      <dt>{t(`persons.field.${k}`)}</dt>
                      <dd>
                        <bdi>{p[k]}</bdi>
                      </dd>
                    </div>
                  ) : null,
                )}
              </dl>
              <div class="grid-2">
                <article>
                  <h2>{t('persons.timeline')}</h2>
                  <Timeline transitions={j.transitions} />
                </article>
                <article>
                  <h2>{t('persons.score')}</h2>
                  <Explanation id={id} />
                  <h3>{t('persons.activities', { n: fmtInt(j.activities.length) })}</h3>
                  <ul class="activities">
                    {[...j.activities]
                      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
                      .slice(0, 30)
                      .map((a) => (
                        <li key={a.id}>
                          <time dateTime={a.occurredAt}>{fmtDate(a.occurredAt)}</time> {t(`activity.${a.type}`, { defaultValue: a.type })}
                          {a.stage ? ` (${stageName(a.stage)})` : ''} <small>· {a.source}</small>
                        </li>
                      ))}
                  </ul>
                </article>
              </div>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
