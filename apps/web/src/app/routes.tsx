import type { ReactElement } from 'react';
import { CaseListPage } from '../pages/cases/CaseListPage';
import { CasePage } from '../pages/cases/CasePage';
import { NewCasePage } from '../pages/cases/NewCasePage';
import { AuditCasePage } from '../pages/audit/AuditCasePage';
import { AuditPage } from '../pages/audit/AuditPage';
import { InboxPage } from '../pages/inbox/InboxPage';
import { PublicityPage } from '../pages/publicity/PublicityPage';
import { ReviewPage } from '../pages/review/ReviewPage';
import { SignInCallbackPage } from '../pages/sign-in/SignInCallbackPage';
import { SignInPage } from '../pages/sign-in/SignInPage';
import { SupervisionPage } from '../pages/supervision/SupervisionPage';

/**
 * Every screen of the console. Screens live under src/pages/<area>/; add a line here for each.
 * `public` screens need no sign-in (the publicity page); every other one sends a visitor to sign in first.
 */
export interface ScreenRoute {
  readonly path: string;
  readonly element: ReactElement;
  readonly public?: boolean;
}

export const SCREENS: readonly ScreenRoute[] = [
  { path: '/sign-in', element: <SignInPage />, public: true },
  { path: '/sign-in/callback', element: <SignInCallbackPage />, public: true },
  { path: '/public', element: <PublicityPage />, public: true },
  { path: '/inbox', element: <InboxPage /> },
  { path: '/cases', element: <CaseListPage /> },
  { path: '/cases/new', element: <NewCasePage /> },
  { path: '/cases/:caseId', element: <CasePage /> },
  { path: '/cases/:caseId/review', element: <ReviewPage /> },
  { path: '/audit', element: <AuditPage /> },
  { path: '/audit/cases/:caseId', element: <AuditCasePage /> },
  { path: '/supervision', element: <SupervisionPage /> },
];
