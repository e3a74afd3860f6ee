import { In, type DataSource, type EntityManager } from 'typeorm';
import { AgencyEntity, type AgencyKind } from '../entities/agency.entity';
import { DocketUserEntity } from '../entities/docket-user.entity';
import { EnforcementCertificateEntity } from '../entities/enforcement-certificate.entity';
import { UserAgencyRoleEntity } from '../entities/user-agency-role.entity';

/** The supervisor named for an agency is the agency itself or one of the agencies it supervises. */
export class AgencySupervisionCycleError extends Error {
  override readonly name = 'AgencySupervisionCycleError';

  constructor(
    readonly agencyId: string,
    readonly supervisedBy: string,
  ) {
    super(`${supervisedBy} is supervised, directly or not, by ${agencyId}; an agency cannot supervise its own supervisor`);
  }
}

/** A row another row refers to is not in the registry. */
export class RegistryReferenceMissingError extends Error {
  override readonly name = 'RegistryReferenceMissingError';

  constructor(
    readonly kind: 'agency' | 'user',
    readonly id: string,
  ) {
    super(`no ${kind} ${id} in the registry`);
  }
}

export interface AgencyRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly supervisedBy: string | null;
}

export interface UserRecord {
  readonly id: string;
  readonly displayName: string;
  readonly active: boolean;
}

export interface CertificateRecord {
  readonly number: string;
  readonly holderId: string;
  readonly issuingAuthority: string;
  /** YYYY-MM-DD */
  readonly issuedOn: string;
  readonly expiresAt: Date;
}

export interface UserWithRoles {
  readonly user: DocketUserEntity;
  readonly roles: readonly UserAgencyRoleEntity[];
}

/**
 * Docket's identity registry: agencies, users, their roles per agency and their enforcement
 * certificates. Values are stored as given; the API validates them first.
 */
export class IdentityRegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  listAgencies(): Promise<AgencyEntity[]> {
    return this.dataSource.getRepository(AgencyEntity).find({ order: { id: 'ASC' } });
  }

  findAgency(id: string): Promise<AgencyEntity | null> {
    return this.dataSource.getRepository(AgencyEntity).findOneBy({ id });
  }

  /**
   * Creates or replaces an agency. Serialised with every other agency change, so two concurrent
   * changes cannot together close a loop in the supervision tree.
   */
  async saveAgency(agency: AgencyRecord, by: string): Promise<{ readonly created: boolean; readonly agency: AgencyEntity }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('agencies', 0))`);
      if (agency.supervisedBy !== null) {
        const chain: Array<{ id: string }> = await manager.query(
          `WITH RECURSIVE up(id, supervised_by) AS (
             SELECT id, supervised_by FROM agencies WHERE id = $1
             UNION SELECT a.id, a.supervised_by FROM agencies a JOIN up ON a.id = up.supervised_by
           ) SELECT id FROM up`,
          [agency.supervisedBy],
        );
        if (chain.length === 0) {
          throw new RegistryReferenceMissingError('agency', agency.supervisedBy);
        }
        if (chain.some((row) => row.id === agency.id)) {
          throw new AgencySupervisionCycleError(agency.id, agency.supervisedBy);
        }
      }
      const rows: Array<{ created: boolean }> = await manager.query(
        `INSERT INTO agencies (id, name, kind, supervised_by, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, supervised_by = EXCLUDED.supervised_by,
           updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING (xmax = 0) AS created`,
        [agency.id, agency.name, agency.kind, agency.supervisedBy, by],
      );
      const saved = await manager.getRepository(AgencyEntity).findOneByOrFail({ id: agency.id });
      return { created: rows[0]?.created === true, agency: saved };
    });
  }

  /** The agencies below this one in the supervision tree, at any depth; not the agency itself. */
  async supervisedAgencyIds(agencyId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `WITH RECURSIVE down(id) AS (
         SELECT id FROM agencies WHERE supervised_by = $1
         UNION SELECT a.id FROM agencies a JOIN down ON a.supervised_by = down.id
       ) SELECT id FROM down ORDER BY id`,
      [agencyId],
    );
    return rows.map((row) => row.id).filter((id) => id !== agencyId);
  }

  /** The named agencies the registry holds, in the order asked; ids it does not hold are left out. */
  async findAgencies(ids: readonly string[]): Promise<AgencyEntity[]> {
    if (ids.length === 0) {
      return [];
    }
    const found = await this.dataSource.getRepository(AgencyEntity).findBy({ id: In([...ids]) });
    const byId = new Map(found.map((agency) => [agency.id, agency]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  findUser(id: string): Promise<DocketUserEntity | null> {
    return this.dataSource.getRepository(DocketUserEntity).findOneBy({ id });
  }

  async findUserWithRoles(id: string): Promise<UserWithRoles | null> {
    const user = await this.findUser(id);
    if (user === null) {
      return null;
    }
    return { user, roles: await this.rolesOf([id]) };
  }

  /** Every user, or those holding a role at the agency, with all their roles. */
  async listUsers(agencyId?: string): Promise<UserWithRoles[]> {
    const users = await this.dataSource
      .getRepository(DocketUserEntity)
      .createQueryBuilder('u')
      .where(agencyId === undefined ? 'TRUE' : 'EXISTS (SELECT 1 FROM user_agency_roles r WHERE r.user_id = u.id AND r.agency_id = :agencyId)', {
        agencyId,
      })
      .orderBy('u.id', 'ASC')
      .getMany();
    const roles = await this.rolesOf(users.map((user) => user.id));
    return users.map((user) => ({ user, roles: roles.filter((role) => role.userId === user.id) }));
  }

  private rolesOf(userIds: readonly string[]): Promise<UserAgencyRoleEntity[]> {
    if (userIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.dataSource
      .getRepository(UserAgencyRoleEntity)
      .createQueryBuilder('r')
      .where('r.user_id IN (:...userIds)', { userIds })
      .orderBy('r.agency_id', 'ASC')
      .addOrderBy('r.role', 'ASC')
      .getMany();
  }

  /** The roles the user holds at one agency. */
  async rolesAt(userId: string, agencyId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(UserAgencyRoleEntity).findBy({ userId, agencyId });
    return rows.map((row) => row.role);
  }

  async saveUser(user: UserRecord, by: string): Promise<{ readonly created: boolean; readonly user: DocketUserEntity }> {
    const rows: Array<{ created: boolean }> = await this.dataSource.query(
      `INSERT INTO docket_users (id, display_name, active, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, active = EXCLUDED.active,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [user.id, user.displayName, user.active, by],
    );
    const saved = await this.dataSource.getRepository(DocketUserEntity).findOneByOrFail({ id: user.id });
    return { created: rows[0]?.created === true, user: saved };
  }

  /**
   * Makes the user's roles at the agency exactly these; an empty list removes them all. A role
   * kept keeps the time it was first granted.
   */
  async setRoles(userId: string, agencyId: string, roles: readonly string[], by: string): Promise<UserAgencyRoleEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.requireExisting(manager, userId, agencyId);
      await manager.query(`DELETE FROM user_agency_roles WHERE user_id = $1 AND agency_id = $2 AND NOT (role = ANY($3::text[]))`, [
        userId,
        agencyId,
        [...roles],
      ]);
      for (const role of roles) {
        await manager.query(
          `INSERT INTO user_agency_roles (user_id, agency_id, role, granted_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [userId, agencyId, role, by],
        );
      }
      return manager.getRepository(UserAgencyRoleEntity).find({ where: { userId, agencyId }, order: { role: 'ASC' } });
    });
  }

  private async requireExisting(manager: EntityManager, userId: string, agencyId: string): Promise<void> {
    // Locks the user row so a role is never granted to a user being changed at the same moment.
    const users: unknown[] = await manager.query(`SELECT 1 FROM docket_users WHERE id = $1 FOR SHARE`, [userId]);
    if (users.length === 0) {
      throw new RegistryReferenceMissingError('user', userId);
    }
    const agencies: unknown[] = await manager.query(`SELECT 1 FROM agencies WHERE id = $1 FOR SHARE`, [agencyId]);
    if (agencies.length === 0) {
      throw new RegistryReferenceMissingError('agency', agencyId);
    }
  }

  /** Every certificate the user was ever issued, newest expiry first. */
  certificatesOf(holderId: string): Promise<EnforcementCertificateEntity[]> {
    return this.dataSource.getRepository(EnforcementCertificateEntity).find({ where: { holderId }, order: { expiresAt: 'DESC', number: 'ASC' } });
  }

  findCertificate(number: string): Promise<EnforcementCertificateEntity | null> {
    return this.dataSource.getRepository(EnforcementCertificateEntity).findOneBy({ number });
  }

  /**
   * Records a certificate unless its number is already recorded; either way answers the row now
   * stored, so the caller can tell a repeat of the same certificate from a clash.
   */
  async insertCertificate(certificate: CertificateRecord, by: string): Promise<{ readonly created: boolean; readonly certificate: EnforcementCertificateEntity }> {
    if ((await this.findUser(certificate.holderId)) === null) {
      throw new RegistryReferenceMissingError('user', certificate.holderId);
    }
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO enforcement_certificates (number, holder_id, issuing_authority, issued_on, expires_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (number) DO NOTHING RETURNING number`,
      [certificate.number, certificate.holderId, certificate.issuingAuthority, certificate.issuedOn, certificate.expiresAt, by],
    );
    const stored = await this.dataSource.getRepository(EnforcementCertificateEntity).findOneByOrFail({ number: certificate.number });
    return { created: inserted.length === 1, certificate: stored };
  }

  /** Records the revocation of a certificate not yet revoked; answers null when there is none such. */
  async revokeCertificate(number: string, at: Date, reason: string, by: string): Promise<EnforcementCertificateEntity | null> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const updated: unknown[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE enforcement_certificates SET revoked_at = $2, revocation_reason = $3, revoked_by = $4
         WHERE number = $1 AND revoked_at IS NULL RETURNING number
       ) SELECT number FROM revoked`,
      [number, at, reason, by],
    );
    return updated.length === 0 ? null : this.findCertificate(number);
  }
}
