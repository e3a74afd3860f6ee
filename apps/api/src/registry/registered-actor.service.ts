import { Inject, Injectable } from '@nestjs/common';
import { Role, type Actor } from '@docket/domain';
import { IdentityRegistryRepository } from '@docket/persistence';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { certificateStatus } from './registry.service';

/**
 * Whether the registry lets a token's user act in the token's role at the token's agency. Read on
 * every request, without a cache, so a deactivation or revocation takes effect on the next request.
 */
@Injectable()
export class RegisteredActorService {
  constructor(@Inject(IdentityRegistryRepository) private readonly registry: IdentityRegistryRepository) {}

  async assertMayAct(actor: Actor, now = new Date()): Promise<void> {
    // System administrators are managed in the identity provider, whose admin role is trusted; that
    // is also how the registry is filled in the first place.
    if (actor.role === Role.Admin) {
      return;
    }
    const user = await this.registry.findUser(actor.userId);
    if (user === null) {
      throw new ApiError(ApiErrorCode.UserNotRegistered, 'the token’s user is not registered in Docket; ask an administrator');
    }
    if (!user.active) {
      throw new ApiError(ApiErrorCode.UserDeactivated, 'the token’s user is deactivated in Docket');
    }
    const roles = await this.registry.rolesAt(actor.userId, actor.agencyId);
    if (!roles.includes(actor.role)) {
      throw new ApiError(ApiErrorCode.RoleNotGranted, `the registry does not grant role ${actor.role} at agency ${actor.agencyId} to this user`);
    }
    if (actor.role === Role.Handler) {
      const statuses = (await this.registry.certificatesOf(actor.userId)).map((certificate) => certificateStatus(certificate, now));
      if (!statuses.includes('valid')) {
        // Only the user's own certificates were looked at; the message names no number.
        const why = whyNoValidCertificate(statuses);
        throw new ApiError(ApiErrorCode.CertificateInvalid, `APL 42: a handler acts only with a valid enforcement certificate; this user ${why}`);
      }
    }
  }
}

function whyNoValidCertificate(statuses: readonly string[]): string {
  if (statuses.length === 0) {
    return 'holds no enforcement certificate';
  }
  const expired = statuses.includes('expired');
  const revoked = statuses.includes('revoked');
  if (expired && revoked) {
    return 'holds only expired or revoked enforcement certificates';
  }
  return revoked ? 'holds only a revoked enforcement certificate' : 'holds only an expired enforcement certificate';
}
