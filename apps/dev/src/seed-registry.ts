import { IdentityRegistryRepository, createDataSource } from '@docket/persistence';
import { SEEDED_AGENCY, SEEDED_AGENCY_NAME, SEEDED_USERS } from './seeded-users';

const SEEDED_BY = 'docket-dev-seed';

/**
 * Puts the seeded agency and users in the registry, adding only what is missing: an admin's later
 * changes (a deactivation, a revoked certificate) survive a restart.
 */
export async function seedRegistry(databaseUrl: string, log: (message: string) => void): Promise<void> {
  const dataSource = await createDataSource({ url: databaseUrl, poolSize: 1, applicationName: 'docket-dev-seed' }).initialize();
  try {
    const registry = new IdentityRegistryRepository(dataSource);
    if ((await registry.findAgency(SEEDED_AGENCY)) === null) {
      await registry.saveAgency({ id: SEEDED_AGENCY, name: SEEDED_AGENCY_NAME, kind: 'enforcement', supervisedBy: null }, SEEDED_BY);
    }
    for (const user of SEEDED_USERS) {
      if ((await registry.findUser(user.userId)) === null) {
        await registry.saveUser({ id: user.userId, displayName: user.displayName, active: true }, SEEDED_BY);
      }
      const held = await registry.rolesAt(user.userId, SEEDED_AGENCY);
      if (user.roles.some((role) => !held.includes(role))) {
        await registry.setRoles(user.userId, SEEDED_AGENCY, [...new Set([...held, ...user.roles])], SEEDED_BY);
      }
      if (user.certificate !== undefined) {
        const { certificate } = await registry.insertCertificate(
          {
            number: user.certificate.number,
            holderId: user.userId,
            issuingAuthority: '上海市人民政府',
            issuedOn: '2024-01-01',
            expiresAt: new Date(user.certificate.expiresAt),
          },
          SEEDED_BY,
        );
        if (certificate.holderId !== user.userId) {
          log(`certificate ${user.certificate.number} is registered to someone else; ${user.userId} has none from the seed`);
        }
      }
    }
    log(`registry: seeded users of ${SEEDED_AGENCY} are registered`);
  } finally {
    await dataSource.destroy();
  }
}
