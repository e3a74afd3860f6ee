/**
 * The people of the local agency, for minting development tokens. `npm start` registers them in
 * Docket's registry (agency, user, role, and a certificate for each handler), so a token minted
 * for one of them is let through; admins are trusted from the token alone.
 */
export const SEEDED_AGENCY = 'sh-pudong-amr';
export const SEEDED_AGENCY_NAME = '浦东新区市场监督管理局';

export interface SeededUser {
  readonly userId: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  /** Handlers act only with a valid enforcement certificate (执法证). */
  readonly certificate?: { readonly number: string; readonly expiresAt: string };
}

export const SEEDED_USERS: readonly SeededUser[] = [
  { userId: 'handler-li', displayName: '李明', roles: ['handler'], certificate: { number: 'DEV-SH-0451203', expiresAt: '2099-12-31T00:00:00.000Z' } },
  { userId: 'handler-chen', displayName: '陈静', roles: ['handler'], certificate: { number: 'DEV-SH-0451877', expiresAt: '2099-12-31T00:00:00.000Z' } },
  { userId: 'reviewer-zhao', displayName: '赵磊', roles: ['reviewer'] },
  { userId: 'head-wang', displayName: '王强', roles: ['head'] },
  { userId: 'auditor-qian', displayName: '钱芳', roles: ['auditor'] },
  { userId: 'admin-root', displayName: 'Administrator', roles: ['admin'] },
];
