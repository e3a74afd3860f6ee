import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { homeFor } from '../../app/navigation';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { parsePending, PENDING_KEY, readCallback, safeReturnPath, tokenRequestBody } from './oidc-flow';

/** /sign-in/callback: the provider sends the browser back here with a code, exchanged once for the access token. */
export function SignInCallbackPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  // Read once: what came back and the sign-in this tab started (removed from storage by the effect).
  const [callback] = useState(() => {
    const pending = parsePending(window.sessionStorage.getItem(PENDING_KEY));
    return { pending, result: readCallback(window.location.search, pending) };
  });
  const [exchangeFailure, setExchangeFailure] = useState<string | undefined>();
  // React's strict mode runs effects twice in development; a code is good for one exchange only.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) {
      return;
    }
    started.current = true;
    window.sessionStorage.removeItem(PENDING_KEY);
    const { pending, result } = callback;
    if (result.kind === 'error' || pending === undefined) {
      return;
    }
    void (async () => {
      try {
        const response = await fetch(pending.tokenEndpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: tokenRequestBody(pending, result.code),
        });
        const payload = (await response.json()) as { access_token?: unknown; error?: unknown; error_description?: unknown };
        if (!response.ok || typeof payload.access_token !== 'string') {
          const reason = [payload.error_description, payload.error].find((value): value is string => typeof value === 'string');
          throw new Error(reason ?? String(response.status));
        }
        const session = signIn(payload.access_token);
        void navigate(safeReturnPath(pending.from) ?? homeFor(session.role), { replace: true });
      } catch (error) {
        setExchangeFailure(error instanceof Error ? error.message : String(error));
      }
    })();
  }, [callback, navigate, signIn]);

  const { result } = callback;
  const failure =
    result.kind === 'error'
      ? result.reason === 'provider'
        ? t('signIn.callback.provider', { detail: result.detail ?? '' })
        : t(result.reason === 'state' ? 'signIn.callback.state' : 'signIn.callback.missing')
      : exchangeFailure === undefined
        ? undefined
        : t('signIn.callback.exchange', { detail: exchangeFailure });

  return (
    <div className="sign-in">
      <h1>{failure === undefined ? t('signIn.callback.title') : t('signIn.callback.failed')}</h1>
      {failure === undefined ? null : (
        <>
          <p className="problem" role="alert">
            {failure}
          </p>
          <Link to="/sign-in">{t('signIn.again')}</Link>
        </>
      )}
    </div>
  );
}
