import type { ReactElement } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { SessionProvider, useSession } from '../auth/session';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { Layout } from './Layout';
import { homeFor } from './navigation';
import { SCREENS } from './routes';

/** Sends a visitor without a session to sign in, and back here afterwards. */
function RequireSession({ children }: { readonly children: ReactElement }) {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined) {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children;
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session === undefined ? '/public' : homeFor(session.role)} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <p>{t('common.notFound')}</p>;
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter basename="/app">
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<Home />} />
              {SCREENS.map((screen) => (
                <Route
                  key={screen.path}
                  path={screen.path}
                  element={screen.public === true ? screen.element : <RequireSession>{screen.element}</RequireSession>}
                />
              ))}
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
