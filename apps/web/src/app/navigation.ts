/** The menu: each entry shows only to the roles that work there (the API checks again on every request). */
export interface NavigationEntry {
  readonly to: string;
  readonly label: string;
  readonly roles: readonly string[] | 'any';
}

export const NAVIGATION: readonly NavigationEntry[] = [
  { to: '/inbox', label: 'nav.inbox', roles: ['handler', 'reviewer', 'head', 'hearing_officer', 'auditor'] },
  { to: '/cases', label: 'nav.cases', roles: ['handler', 'reviewer', 'head', 'hearing_officer', 'auditor'] },
  { to: '/cases/new', label: 'nav.newCase', roles: ['handler'] },
  { to: '/supervision', label: 'nav.supervision', roles: ['head', 'auditor'] },
  { to: '/audit', label: 'nav.audit', roles: ['auditor'] },
  { to: '/public', label: 'nav.publicity', roles: 'any' },
];

/** Where a user lands after signing in. */
export function homeFor(role: string): string {
  switch (role) {
    case 'auditor':
      return '/audit';
    case 'inspector':
    case 'admin':
      return '/public';
    default:
      return '/inbox';
  }
}
