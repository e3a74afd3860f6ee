import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ApiProcessConfig } from '@docket/config';
import { isRole, type Role } from '@docket/domain';
import { IdentityRegistryRepository } from '@docket/persistence';
import { API_CONFIG } from '../api.tokens';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { signLocalToken } from '../identity/local-token';
import type { LocalSessionDto, LocalUserDto, SignInConfigDto } from './dtos/auth.dtos';

/** Where the OIDC provider sends the browser back; a route of the console. */
export const OIDC_REDIRECT_PATH = '/app/sign-in/callback';
/** A working day: a local session ends the same day it starts. */
const LOCAL_SESSION_HOURS = 8;

/**
 * What the console signs in with. Local sign-in lets anyone who reaches the API act as any registered
 * user, so it exists only when configured (development and tests) and answers 404 otherwise.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('AuthService');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiProcessConfig,
    @Inject(IdentityRegistryRepository) private readonly registry: IdentityRegistryRepository,
  ) {}

  onModuleInit(): void {
    if (this.config.signIn.local) {
      this.logger.warn('local sign-in is enabled (AUTH_LOCAL_SIGNIN): anyone reaching this API may act as any registered user; for development and tests only');
    }
  }

  signInConfig(): SignInConfigDto {
    const { local, oidc } = this.config.signIn;
    return oidc === undefined ? { local } : { local, oidc: { ...oidc, redirectPath: OIDC_REDIRECT_PATH } };
  }

  async localUsers(): Promise<LocalUserDto[]> {
    this.requireLocal();
    const [users, agencies] = await Promise.all([this.registry.listUsers(), this.registry.listAgencies()]);
    const names = new Map(agencies.map((agency) => [agency.id, agency.name]));
    return users
      .filter(({ user }) => user.active)
      .map(({ user, roles }) => {
        const byAgency = new Map<string, Role[]>();
        for (const grant of roles) {
          if (isRole(grant.role)) {
            byAgency.set(grant.agencyId, [...(byAgency.get(grant.agencyId) ?? []), grant.role]);
          }
        }
        return {
          id: user.id,
          displayName: user.displayName,
          agencies: [...byAgency].map(([agencyId, held]) => ({ agencyId, agencyName: names.get(agencyId) ?? agencyId, roles: held })),
        };
      })
      .filter((user) => user.agencies.length > 0);
  }

  async startLocalSession(userId: string, agencyId: string, now = new Date()): Promise<LocalSessionDto> {
    this.requireLocal();
    const auth = this.config.auth;
    if (auth.kind !== 'secret') {
      // Refused by the configuration already; kept so that no token is ever minted beside a provider.
      throw new ApiError(ApiErrorCode.LocalSignInDisabled, 'local sign-in is not enabled on this server');
    }
    const user = await this.registry.findUser(userId);
    if (user === null) {
      throw new ApiError(ApiErrorCode.UserNotFound, `no user ${userId} in the registry`, 'userId');
    }
    if (!user.active) {
      throw new ApiError(ApiErrorCode.UserDeactivated, 'this user is deactivated in Docket', 'userId');
    }
    const roles = (await this.registry.rolesAt(userId, agencyId)).filter(isRole);
    if (roles.length === 0) {
      throw new ApiError(ApiErrorCode.RoleNotGranted, `the registry grants this user no role at agency ${agencyId}`, 'agencyId');
    }
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = issuedAt + LOCAL_SESSION_HOURS * 3600;
    const token = await signLocalToken(auth, { userId, agencyId, roles }, { issuedAt, expiresAt });
    return { token, expiresAt: new Date(expiresAt * 1000).toISOString(), userId, agencyId, roles };
  }

  private requireLocal(): void {
    if (!this.config.signIn.local) {
      throw new ApiError(ApiErrorCode.LocalSignInDisabled, 'local sign-in is not enabled on this server; sign in through the identity provider');
    }
  }
}
