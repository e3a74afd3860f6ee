/**
 * The people of the local agency, for minting development tokens. There is no user table yet:
 * a token's claims are the whole identity, so these are just names the banner suggests.
 */
export const SEEDED_AGENCY = 'sh-pudong-amr';

export const SEEDED_USERS = [
  { userId: 'handler-li', roles: ['handler'] },
  { userId: 'handler-chen', roles: ['handler'] },
  { userId: 'reviewer-zhao', roles: ['reviewer'] },
  { userId: 'head-wang', roles: ['head'] },
  { userId: 'auditor-qian', roles: ['auditor'] },
  { userId: 'admin-root', roles: ['admin'] },
] as const;
