import { useEffect, useRef, useState } from 'preact/hooks';
import { call, session } from './api/client.js';
import type { Me } from './api/types.js';
import { Loading } from './components/states.js';
import { currentLanguage, setLanguage, t } from './i18n/i18n.js';
import type { Language } from './i18n/i18n.js';
import { href, useRoute } from './router.js';
import { AuditScreen } from './screens/audit.js';
import { CohortsScreen } from './screens/cohorts.js';
import { CompareScreen } from './screens/compare.js';
import { FunnelScreen } from './screens/funnel.js';
import { ImportsScreen } from './screens/imports.js';
import { PersonScreen, PersonsScreen } from './screens/persons.js';
import { ProposalsScreen } from './screens/proposals.js';
import { QueuesScreen } from './screens/queues.js';
import { ScorecardScreen } from './screens/scorecard.js';
import { SignIn } from './screens/sign-in.js';

const NAV = ['funnel', 'compare', 'cohorts', 'scorecard', 'queues', 'persons', 'proposals', 'imports', 'audit'] as const;

function Screen({ path, params, me }: { path: string; params: URLSearchParams; me: Me }) {
  const person = /^\/persons\/(.+)$/.exec(path);
  if (person) return <PersonScreen id={decodeURIComponent(person[1]!)} />;
  switch (path) {
    case '/funnel':
      return <FunnelScreen params={params} />;
    case '/compare':
      return <CompareScreen params={params} />;
    case '/cohorts':
      return <CohortsScreen params={params} />;
    case '/scorecard':
      return <ScorecardScreen params={params} />;
    case '/queues':
      return <QueuesScreen params={params} />;
    case '/persons':
      return <PersonsScreen params={params} />;
    case '/proposals':
      return <ProposalsScreen me={me} />;
    case '/imports':
      return <ImportsScreen params={params} />;
    case '/audit':
      return <AuditScreen params={params} />;
    default:
      return (
        <section>
          <h1 id="page-title">{t('notFound.title')}</h1>
          <p>
            <a href={href('/funnel')}>{t('notFound.back')}</a>
          </p>
        </section>
      );
  }
}

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<Me | null | 'checking'>(session.token() ? 'checking' : null);
  const [, setLang] = useState<Language>(currentLanguage());
  useEffect(() => {
    if (me !== 'checking') return;
    call<Me>('me').then(setMe, () => {
      session.signOut();
      setMe(null);
    });
  }, []);
  const section = route.path.split('/')[1] ?? 'funnel';
  // After signing in or moving to another screen, keyboard and screen-reader users start at the
  // content (filter changes on the same screen keep the focus where it is).
  const signedIn = me !== null && me !== 'checking';
  const moved = useRef<string | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    if (moved.current !== null && moved.current !== route.path) document.getElementById('main')?.focus();
    moved.current = route.path;
  }, [route.path, signedIn]);
  useEffect(() => {
    document.title = `${t(`nav.${section}`, { defaultValue: 'Tandem' })} · Tandem`;
  });
  const switchTo = (lang: Language): void => void setLanguage(lang).then(() => setLang(lang));
  const other: Language = currentLanguage() === 'ar' ? 'en' : 'ar';
  const langButton = (
    <button type="button" class="secondary outline lang" lang={other} onClick={() => switchTo(other)} data-testid="language">
      {t(`language.${other}`)}
    </button>
  );
  if (me === 'checking') return <Loading what={t('signIn.title')} />;
  if (me === null)
    return (
      <>
        <header class="container top">{langButton}</header>
        <SignIn onSignedIn={setMe} />
      </>
    );
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('nav.skip')}
      </a>
      <header class="container-fluid top">
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <strong class="brand">Tandem</strong>
            </li>
          </ul>
          <ul class="menu">
            {NAV.map((item) => (
              <li key={item}>
                <a href={href(`/${item}`)} aria-current={section === item ? 'page' : undefined}>
                  {t(`nav.${item}`)}
                </a>
              </li>
            ))}
          </ul>
          <ul>
            <li class="who">{t('nav.signedInAs', { name: me.name, role: t(`role.${me.role}`) })}</li>
            <li>{langButton}</li>
            <li>
              <button
                type="button"
                class="secondary outline"
                onClick={() => {
                  session.signOut();
                  setMe(null);
                }}
              >
                {t('nav.signOut')}
              </button>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" class="container-fluid" tabIndex={-1}>
        <Screen path={route.path} params={route.params} me={me} />
      </main>
    </>
  );
}
