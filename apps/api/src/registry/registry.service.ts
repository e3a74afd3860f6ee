import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, isRole, type Actor, type Role } from '@docket/domain';
import {
  AgencySupervisionCycleError,
  IdentityRegistryRepository,
  RegistryReferenceMissingError,
  type AgencyEntity,
  type EnforcementCertificateEntity,
  type UserWithRoles,
} from '@docket/persistence';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import type {
  AgencyBodyDto,
  AgencyDto,
  AgencyRolesDto,
  CertificateBodyDto,
  CertificateDto,
  RevocationBodyDto,
  RolesBodyDto,
  UserAgencyRolesDto,
  UserBodyDto,
  UserDetailDto,
  UserDto,
} from './dtos/registry.dtos';
import { REGISTRY_ID_PATTERN } from './dtos/registry.dtos';

/** Certificate numbers as printed: anything but spaces and slashes, which could not travel in the path. */
const CERTIFICATE_NUMBER_PATTERN = /^[^\s/\\?#]{1,64}$/u;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

function requireId(value: string, field: 'agencyId' | 'userId' | 'agency'): string {
  if (!REGISTRY_ID_PATTERN.test(value)) {
    throw invalid(field, 'must be 1 to 64 letters, digits or . _ @ -');
  }
  return value;
}

function requireCertificateNumber(value: string): string {
  if (!CERTIFICATE_NUMBER_PATTERN.test(value)) {
    throw invalid('certificateNumber', 'must be 1 to 64 characters without spaces or slashes');
  }
  return value;
}

export function certificateStatus(certificate: EnforcementCertificateEntity, now: Date): CertificateDto['status'] {
  if (certificate.revokedAt !== null && certificate.revokedAt <= now) {
    return 'revoked';
  }
  return certificate.expiresAt <= now ? 'expired' : 'valid';
}

function agencyView(agency: AgencyEntity): AgencyDto {
  return {
    id: agency.id,
    name: agency.name,
    kind: agency.kind,
    supervisedBy: agency.supervisedBy,
    updatedAt: agency.updatedAt.toISOString(),
    updatedBy: agency.updatedBy,
  };
}

function certificateView(certificate: EnforcementCertificateEntity, now: Date): CertificateDto {
  return {
    number: certificate.number,
    holderId: certificate.holderId,
    issuingAuthority: certificate.issuingAuthority,
    issuedOn: certificate.issuedOn,
    expiresAt: certificate.expiresAt.toISOString(),
    revokedAt: certificate.revokedAt === null ? null : certificate.revokedAt.toISOString(),
    revocationReason: certificate.revocationReason,
    status: certificateStatus(certificate, now),
  };
}

function userView({ user, roles }: UserWithRoles): UserDto {
  const byAgency = new Map<string, Role[]>();
  for (const grant of roles) {
    if (isRole(grant.role)) {
      byAgency.set(grant.agencyId, [...(byAgency.get(grant.agencyId) ?? []), grant.role]);
    }
  }
  const agencies: AgencyRolesDto[] = [...byAgency].map(([agencyId, held]) => ({ agencyId, roles: held }));
  return {
    id: user.id,
    displayName: user.displayName,
    active: user.active,
    agencies,
    updatedAt: user.updatedAt.toISOString(),
    updatedBy: user.updatedBy,
  };
}

function missing(error: RegistryReferenceMissingError, field: string): ApiError {
  return error.kind === 'agency'
    ? new ApiError(ApiErrorCode.AgencyNotFound, error.message, field)
    : new ApiError(ApiErrorCode.UserNotFound, error.message, field);
}

/**
 * The registry admins manage: agencies and their supervision tree, users and their roles per
 * agency, enforcement certificates. The IdP says who a token belongs to; this says who may act.
 */
@Injectable()
export class RegistryService {
  constructor(@Inject(IdentityRegistryRepository) private readonly registry: IdentityRegistryRepository) {}

  async listAgencies(): Promise<AgencyDto[]> {
    return (await this.registry.listAgencies()).map(agencyView);
  }

  async agency(agencyId: string): Promise<AgencyDto> {
    const agency = await this.registry.findAgency(requireId(agencyId, 'agencyId'));
    if (agency === null) {
      throw new ApiError(ApiErrorCode.AgencyNotFound, `no agency ${agencyId} in the registry`, 'agencyId');
    }
    return agencyView(agency);
  }

  async saveAgency(agencyId: string, body: AgencyBodyDto, actor: Actor): Promise<{ created: boolean; agency: AgencyDto }> {
    requireId(agencyId, 'agencyId');
    const supervisedBy = body.supervisedBy ?? null;
    if (supervisedBy === agencyId) {
      throw new ApiError(ApiErrorCode.SupervisionCycle, 'supervisedBy: an agency does not supervise itself', 'supervisedBy');
    }
    try {
      const { created, agency } = await this.registry.saveAgency({ id: agencyId, name: body.name, kind: body.kind, supervisedBy }, actor.userId);
      return { created, agency: agencyView(agency) };
    } catch (error) {
      if (error instanceof RegistryReferenceMissingError) {
        throw missing(error, 'supervisedBy');
      }
      if (error instanceof AgencySupervisionCycleError) {
        throw new ApiError(ApiErrorCode.SupervisionCycle, `supervisedBy: ${error.message}`, 'supervisedBy');
      }
      throw error;
    }
  }

  async listUsers(agency: string | undefined): Promise<UserDto[]> {
    if (agency !== undefined) {
      requireId(agency, 'agency');
      if ((await this.registry.findAgency(agency)) === null) {
        throw new ApiError(ApiErrorCode.AgencyNotFound, `no agency ${agency} in the registry`, 'agency');
      }
    }
    return (await this.registry.listUsers(agency)).map(userView);
  }

  async user(userId: string): Promise<UserDetailDto> {
    const found = await this.registry.findUserWithRoles(requireId(userId, 'userId'));
    if (found === null) {
      throw new ApiError(ApiErrorCode.UserNotFound, `no user ${userId} in the registry`, 'userId');
    }
    const now = new Date();
    const certificates = await this.registry.certificatesOf(userId);
    return { ...userView(found), certificates: certificates.map((certificate) => certificateView(certificate, now)) };
  }

  async saveUser(userId: string, body: UserBodyDto, actor: Actor): Promise<{ created: boolean; user: UserDetailDto }> {
    const { created } = await this.registry.saveUser({ id: requireId(userId, 'userId'), displayName: body.displayName, active: body.active }, actor.userId);
    return { created, user: await this.user(userId) };
  }

  async setRoles(userId: string, agencyId: string, body: RolesBodyDto, actor: Actor): Promise<UserAgencyRolesDto> {
    requireId(userId, 'userId');
    requireId(agencyId, 'agencyId');
    try {
      const held = await this.registry.setRoles(userId, agencyId, body.roles, actor.userId);
      return { userId, agencyId, roles: held.map((grant) => grant.role).filter(isRole) };
    } catch (error) {
      if (error instanceof RegistryReferenceMissingError) {
        throw missing(error, error.kind === 'agency' ? 'agencyId' : 'userId');
      }
      throw error;
    }
  }

  /**
   * Records a certificate. Repeating the same certificate answers it again (200); the number held
   * by someone else, or recorded with other particulars, is a conflict: a certificate is never
   * rewritten, a renewal has a new number.
   */
  async saveCertificate(userId: string, number: string, body: CertificateBodyDto, actor: Actor): Promise<{ created: boolean; certificate: CertificateDto }> {
    requireId(userId, 'userId');
    requireCertificateNumber(number);
    const expiresAt = new Date(body.expiresAt);
    if (expiresAt.getTime() <= Date.parse(`${body.issuedOn}T00:00:00Z`)) {
      throw invalid('expiresAt', 'must be after the date of issue');
    }
    let outcome;
    try {
      outcome = await this.registry.insertCertificate(
        { number, holderId: userId, issuingAuthority: body.issuingAuthority, issuedOn: body.issuedOn, expiresAt },
        actor.userId,
      );
    } catch (error) {
      if (error instanceof RegistryReferenceMissingError) {
        throw missing(error, 'userId');
      }
      throw error;
    }
    const { created, certificate } = outcome;
    if (!created) {
      if (certificate.holderId !== userId) {
        // The other holder is not named: a certificate number says nothing about who else holds one.
        throw new ApiError(ApiErrorCode.CertificateNumberTaken, `certificate ${number} is recorded for another user`, 'certificateNumber');
      }
      const same =
        certificate.issuingAuthority === body.issuingAuthority &&
        certificate.issuedOn === body.issuedOn &&
        certificate.expiresAt.getTime() === expiresAt.getTime();
      if (!same) {
        throw new ApiError(
          ApiErrorCode.CertificateNumberTaken,
          `certificate ${number} is already recorded with other particulars; a renewal is recorded under its new number`,
          'certificateNumber',
        );
      }
    }
    return { created, certificate: certificateView(certificate, new Date()) };
  }

  async revokeCertificate(userId: string, number: string, body: RevocationBodyDto, actor: Actor): Promise<CertificateDto> {
    requireId(userId, 'userId');
    requireCertificateNumber(number);
    const now = new Date();
    const revokedAt = body.revokedAt === undefined ? now : new Date(body.revokedAt);
    if (revokedAt.getTime() > now.getTime()) {
      throw invalid('revokedAt', 'must not be in the future');
    }
    const existing = await this.registry.findCertificate(number);
    if (existing === null || existing.holderId !== userId) {
      throw new ApiError(ApiErrorCode.CertificateNotFound, `user ${userId} holds no certificate ${number}`, 'certificateNumber');
    }
    if (existing.revokedAt !== null) {
      throw new ApiError(ApiErrorCode.CertificateAlreadyRevoked, `certificate ${number} was revoked on ${existing.revokedAt.toISOString()}`, 'certificateNumber');
    }
    const revoked = await this.registry.revokeCertificate(number, revokedAt, body.reason, actor.userId);
    if (revoked === null) {
      throw new ApiError(ApiErrorCode.CertificateAlreadyRevoked, `certificate ${number} has just been revoked`, 'certificateNumber');
    }
    return certificateView(revoked, now);
  }
}
