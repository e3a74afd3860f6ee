import { DomainError } from '@docket/domain';
import { ApiError } from '../errors/api-error-code';
import { actorFromClaims } from './token-claims';

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError || error instanceof DomainError) {
      return error.code;
    }
    throw error;
  }
  throw new Error('expected an error');
}

describe('the actor from a token', () => {
  const claims = { sub: 'handler-li', agency: 'sh-pudong-amr', roles: ['handler'] };

  it("acts in the token's only role", () => {
    expect(actorFromClaims(claims, undefined)).toEqual({ userId: 'handler-li', role: 'handler', agencyId: 'sh-pudong-amr' });
    expect(actorFromClaims(claims, 'handler').role).toBe('handler');
    expect(codeOf(() => actorFromClaims(claims, 'head'))).toBe('ROLE_NOT_PERMITTED');
  });

  it('acts in the role X-Docket-Role names when the token grants several', () => {
    const several = { ...claims, roles: ['handler', 'head', 'someone-elses-role'] };
    expect(actorFromClaims(several, 'head').role).toBe('head');
    expect(codeOf(() => actorFromClaims(several, undefined))).toBe('ROLE_NOT_PERMITTED');
    expect(codeOf(() => actorFromClaims(several, 'admin'))).toBe('ROLE_NOT_PERMITTED');
    expect(codeOf(() => actorFromClaims(several, 'someone-elses-role'))).toBe('ROLE_NOT_PERMITTED');
  });

  it('refuses a token without a Docket role, and one missing its identity claims', () => {
    expect(codeOf(() => actorFromClaims({ ...claims, roles: ['visitor'] }, undefined))).toBe('ROLE_NOT_PERMITTED');
    expect(codeOf(() => actorFromClaims({ ...claims, roles: 'handler' }, undefined))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => actorFromClaims({ ...claims, sub: undefined }, undefined))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => actorFromClaims({ ...claims, agency: 'has spaces' }, undefined))).toBe('UNAUTHENTICATED');
  });
});
