import { useState } from 'preact/hooks';
import { ApiError, call, session } from '../api/client.js';
import type { Me } from '../api/types.js';
import { t } from '../i18n/i18n.js';

/** Sign in with an API token (`tandem token create --user NAME --role ROLE` prints one). */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await call<Me>('me', { token: token.trim() });
      session.signIn(token.trim());
      onSignedIn(me);
      requestAnimationFrame(() => document.getElementById('main')?.focus());
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('signIn.rejected') : t('signIn.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in container">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit}>
        <label for="token">{t('signIn.token')}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          required
          value={token}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby="token-help"
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
        />
        <small id="token-help">{error ?? t('signIn.help')}</small>
        <button type="submit" aria-busy={busy ? 'true' : undefined} disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
