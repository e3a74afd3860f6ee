import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, Role } from '@docket/domain';
import { IdentityRegistryRepository, type EnforcementCertificateEntity } from '@docket/persistence';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { certificateStatus } from './registry.service';

/**
 * Fills a handler assignment's certificate from the registry (APL 42, 55): the client names the
 * handler; which certificate they hold, and until when, is the registry's to say. A certificate
 * the client sends anyway must be one the registry holds for that handler, valid now.
 */
@Injectable()
export class HandlerCertificatesService {
  constructor(@Inject(IdentityRegistryRepository) private readonly registry: IdentityRegistryRepository) {}

  /**
   * The assignment with certificateNumber and certificateExpiresAt from the registry. Input the
   * workflow would refuse for its shape (not an object, no userId) is passed on untouched, so its
   * validator names the field as for any other step.
   */
  async fill(assignment: unknown, agencyId: string, field: string, now = new Date()): Promise<unknown> {
    if (typeof assignment !== 'object' || assignment === null || Array.isArray(assignment)) {
      return assignment;
    }
    const given = assignment as Record<string, unknown>;
    const userId = given['userId'];
    if (typeof userId !== 'string' || userId.trim() === '') {
      return assignment;
    }
    const sentNumber = given['certificateNumber'];
    const sentExpiry = given['certificateExpiresAt'];
    if (sentNumber !== undefined && typeof sentNumber !== 'string') {
      throw new DomainError(DomainErrorCode.InvalidInput, `${field}.certificateNumber: must be text`, `${field}.certificateNumber`);
    }
    if (sentExpiry !== undefined && (typeof sentExpiry !== 'string' || Number.isNaN(Date.parse(sentExpiry)))) {
      throw new DomainError(DomainErrorCode.InvalidInput, `${field}.certificateExpiresAt: must be an ISO 8601 timestamp`, `${field}.certificateExpiresAt`);
    }
    const certificate = await this.validCertificate(userId, agencyId, `${field}.userId`, now, sentNumber);
    if (sentNumber !== undefined && sentNumber !== certificate.number) {
      throw new ApiError(ApiErrorCode.CertificateMismatch, `${field}.certificateNumber: is not a valid certificate of ${userId} in the registry`, `${field}.certificateNumber`);
    }
    if (sentExpiry !== undefined && Date.parse(sentExpiry) !== certificate.expiresAt.getTime()) {
      throw new ApiError(
        ApiErrorCode.CertificateMismatch,
        `${field}.certificateExpiresAt: the registry has certificate ${certificate.number} expiring at ${certificate.expiresAt.toISOString()}`,
        `${field}.certificateExpiresAt`,
      );
    }
    return { ...given, userId, certificateNumber: certificate.number, certificateExpiresAt: certificate.expiresAt.toISOString() };
  }

  /** The handler's certificate valid now: the one named, if valid, else the one valid longest. */
  private async validCertificate(userId: string, agencyId: string, field: string, now: Date, wanted: string | undefined): Promise<EnforcementCertificateEntity> {
    const user = await this.registry.findUser(userId);
    const roles = user === null || !user.active ? [] : await this.registry.rolesAt(userId, agencyId);
    if (!roles.includes(Role.Handler)) {
      throw new ApiError(ApiErrorCode.HandlerNotCertified, `${field}: ${userId} is not an active handler of agency ${agencyId} in the registry`, field);
    }
    const valid = (await this.registry.certificatesOf(userId)).filter((certificate) => certificateStatus(certificate, now) === 'valid');
    const chosen = valid.find((certificate) => certificate.number === wanted) ?? valid[0];
    if (chosen === undefined) {
      throw new ApiError(ApiErrorCode.HandlerNotCertified, `${field}: ${userId} holds no enforcement certificate valid now (APL 42)`, field);
    }
    return chosen;
  }
}
