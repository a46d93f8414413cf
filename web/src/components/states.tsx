import type { ComponentChildren } from 'preact';
import { ApiError, session } from '../api/client.js';
import { t } from '../i18n/i18n.js';
import type { Load } from '../use-api.js';

export function Loading({ what }: { what: string }) {
  return (
    <p class="state" role="status" aria-live="polite" aria-busy="true">
      {t('state.loading', { what })}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return (
    <div class="state empty" role="status">
      {children}
    </div>
  );
}

/** What went wrong, in the user's words, and what to do about it. */
export function ErrorState({ error, retry }: { error: Error; retry?: () => void }) {
  const e = error instanceof ApiError ? error : null;
  const advice =
    e?.status === 401 ? t('error.signedOut') : e?.status === 403 ? t('error.forbidden') : e?.noSuchRoute ? t('error.notOffered') : e?.status === 404 ? t('error.notFound') : e?.status === 0 ? t('error.network') : e?.status === 400 ? t('error.badInput') : t('error.generic');
  return (
    <div class="state error" role="alert">
      <p>
        <strong>{advice}</strong>
      </p>
      <p class="detail">{error.message}</p>
      {e?.status === 401 ? (
        <button
          type="button"
          onClick={() => {
            session.signOut();
            location.reload();
          }}
        >
          {t('nav.signIn')}
        </button>
      ) : retry && e?.status !== 404 ? (
        <button type="button" class="secondary" onClick={retry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Renders a load: loading, error (with retry), or the content. */
export function Loaded<T>({ load, what, retry, children }: { load: Load<T>; what: string; retry?: () => void; children: (data: T) => ComponentChildren }) {
  if (load.state === 'loading') return <Loading what={what} />;
  if (load.state === 'error') return <ErrorState error={load.error} retry={retry} />;
  return <>{children(load.data)}</>;
}
