import { NavLink, Outlet } from 'react-router';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { NAVIGATION } from './navigation';

export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const { session, signOut, switchRole } = useSession();
  const entries = NAVIGATION.filter(
    (entry) => entry.roles === 'any' || (session !== undefined && entry.roles.includes(session.role)),
  );
  return (
    <div className="console">
      <header className="console__header">
        <span className="console__title">{t('app.title')}</span>
        <nav className="console__nav" aria-label="main">
          {entries.map((entry) => (
            <NavLink key={entry.to} to={entry.to} end={entry.to === '/cases'}>
              {t(entry.label)}
            </NavLink>
          ))}
        </nav>
        <div className="console__user">
          {session === undefined ? null : (
            <>
              <span data-testid="signed-in-user">
                {session.userId} · {session.agencyId}
              </span>
              {session.roles.length > 1 ? (
                <select aria-label="role" value={session.role} onChange={(event) => switchRole(event.target.value)}>
                  {session.roles.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="console__role">{t(`role.${session.role}`)}</span>
              )}
              <button type="button" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          )}
          <button type="button" className="console__language" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
            {t('app.language')}
          </button>
        </div>
      </header>
      <main className="console__main">
        <Outlet />
      </main>
    </div>
  );
}
