import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { localUsers, signInConfig, startLocalSession, type LocalUser, type SignInConfig } from '../../api/auth';
import { ApiProblem } from '../../api/problem';
import { homeFor } from '../../app/navigation';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { useResource } from '../../ui/use-resource';
import { groupByAgency } from './local-users';
import { startOidcSignIn } from './oidc-redirect';
import { safeReturnPath } from './oidc-flow';

interface SignInOptions {
  readonly config: SignInConfig;
  readonly users: readonly LocalUser[];
}

async function loadOptions(signal: AbortSignal): Promise<SignInOptions> {
  const config = await signInConfig(signal);
  return { config, users: config.local ? await localUsers(signal) : [] };
}

function LocalSignIn({ users, from }: { readonly users: readonly LocalUser[]; readonly from: string | undefined }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const groups = groupByAgency(users);

  const choose = async (userId: string, agencyId: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const session = signIn((await startLocalSession(userId, agencyId)).token);
      void navigate(from ?? homeFor(session.role), { replace: true });
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : undefined);
      setBusy(false);
    }
  };

  return (
    <section className="panel sign-in__local" aria-labelledby="sign-in-local">
      <h2 id="sign-in-local">{t('signIn.local.title')}</h2>
      <p>{t('signIn.local.hint')}</p>
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      {groups.length === 0 ? <p>{t('signIn.local.none')}</p> : null}
      {groups.map((group) => (
        <section key={group.agencyId} className="sign-in__agency" aria-labelledby={`agency-${group.agencyId}`}>
          <h3 id={`agency-${group.agencyId}`}>
            {group.agencyName} <small>{group.agencyId}</small>
          </h3>
          <ul className="sign-in__users">
            {group.users.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  disabled={busy}
                  data-user={user.id}
                  onClick={() => void choose(user.id, group.agencyId)}
                >
                  {t('signIn.local.as', {
                    name: user.displayName,
                    userId: user.id,
                    roles: user.roles.map((role) => t(`role.${role}`)).join('、'),
                  })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function OidcSignIn({ oidc, from }: { readonly oidc: NonNullable<SignInConfig['oidc']>; readonly from: string | undefined }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'redirecting' | { failed: string }>('idle');
  const provider = new URL(oidc.issuer).host;
  const start = async () => {
    setState('redirecting');
    try {
      window.location.assign(await startOidcSignIn(oidc, from));
    } catch (error) {
      setState({ failed: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section className="panel sign-in__oidc" aria-labelledby="sign-in-oidc">
      <h2 id="sign-in-oidc">{t('signIn.oidc.title')}</h2>
      <button type="button" disabled={state === 'redirecting'} onClick={() => void start()}>
        {t('signIn.oidc.button', { provider })}
      </button>
      {state === 'redirecting' ? <p>{t('signIn.oidc.redirecting')}</p> : null}
      {typeof state === 'object' ? (
        <p className="problem" role="alert">
          {state.failed}
        </p>
      ) : null}
    </section>
  );
}

/** /sign-in: local users grouped by agency (development), or the identity provider's button. */
export function SignInPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const location = useLocation();
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);
  const [options, reload] = useResource('sign-in', loadOptions);
  return (
    <div className="sign-in">
      <h1>{t('signIn.title')}</h1>
      {session === undefined ? null : (
        <p>
          {t('signIn.signedInAs', { userId: session.userId, agencyId: session.agencyId })}{' '}
          <Link to={homeFor(session.role)}>{t('signIn.continue')}</Link>
        </p>
      )}
      <Loaded resource={options} reload={reload}>
        {({ config, users }) => (
          <>
            {config.oidc === undefined ? null : <OidcSignIn oidc={config.oidc} from={from} />}
            {config.local ? <LocalSignIn users={users} from={from} /> : null}
            {!config.local && config.oidc === undefined ? <p>{t('signIn.nothing')}</p> : null}
          </>
        )}
      </Loaded>
      <p>
        <Link to="/public">{t('signIn.publicity')}</Link>
      </p>
    </div>
  );
}
