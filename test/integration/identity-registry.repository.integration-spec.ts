import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AgencySupervisionCycleError, IdentityRegistryRepository, RegistryReferenceMissingError } from '@docket/persistence';
import { connectDatabase } from '../support/database';

describe('the identity registry in PostgreSQL', () => {
  let dataSource: DataSource;
  let registry: IdentityRegistryRepository;

  beforeAll(async () => {
    dataSource = await connectDatabase();
    registry = new IdentityRegistryRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
  const agency = (id: string, supervisedBy: string | null = null) => ({ id, name: id, kind: 'supervision' as const, supervisedBy });

  it('walks the supervision tree down to any depth, and refuses a loop or an unknown supervisor', async () => {
    const [top, middle, bottom, aside] = [unique('top'), unique('middle'), unique('bottom'), unique('aside')];
    expect((await registry.saveAgency(agency(top), 'admin')).created).toBe(true);
    await registry.saveAgency(agency(middle, top), 'admin');
    await registry.saveAgency(agency(bottom, middle), 'admin');
    await registry.saveAgency(agency(aside, top), 'admin');
    expect((await registry.saveAgency(agency(aside, top), 'admin')).created).toBe(false);

    expect(await registry.supervisedAgencyIds(top)).toEqual([aside, bottom, middle].sort());
    expect(await registry.supervisedAgencyIds(middle)).toEqual([bottom]);
    expect(await registry.supervisedAgencyIds(bottom)).toEqual([]);

    await expect(registry.saveAgency(agency(top, bottom), 'admin')).rejects.toBeInstanceOf(AgencySupervisionCycleError);
    await expect(registry.saveAgency(agency(top, unique('nowhere')), 'admin')).rejects.toBeInstanceOf(RegistryReferenceMissingError);
    expect((await registry.findAgency(top))?.supervisedBy).toBeNull();
  });

  it('sets roles per agency, keeping the grant time of a role kept', async () => {
    const [userId, first, second] = [unique('user'), unique('agency'), unique('agency')];
    await registry.saveAgency(agency(first), 'admin');
    await registry.saveAgency(agency(second), 'admin');
    await registry.saveUser({ id: userId, displayName: '周敏', active: true }, 'admin');
    const [granted] = await registry.setRoles(userId, first, ['reviewer'], 'admin');
    await registry.setRoles(userId, first, ['reviewer', 'head'], 'admin');
    await registry.setRoles(userId, second, ['handler'], 'admin');
    const kept = (await registry.setRoles(userId, first, ['reviewer', 'head'], 'admin')).find((role) => role.role === 'reviewer');
    expect(kept?.grantedAt).toEqual(granted?.grantedAt);
    expect((await registry.rolesAt(userId, first)).sort()).toEqual(['head', 'reviewer']);
    expect(await registry.rolesAt(userId, second)).toEqual(['handler']);
    expect(await registry.setRoles(userId, first, [], 'admin')).toEqual([]);
    expect(await registry.rolesAt(userId, second)).toEqual(['handler']);
    await expect(registry.setRoles(unique('nobody'), first, ['head'], 'admin')).rejects.toBeInstanceOf(RegistryReferenceMissingError);
  });

  it('keeps every certificate: one number once, a revocation recorded once, no deletion', async () => {
    const userId = unique('user');
    await registry.saveUser({ id: userId, displayName: '孙伟', active: true }, 'admin');
    const number = unique('SH');
    const certificate = { number, holderId: userId, issuingAuthority: '上海市人民政府', issuedOn: '2024-07-01', expiresAt: new Date('2029-06-30T00:00:00Z') };
    expect((await registry.insertCertificate(certificate, 'admin')).created).toBe(true);
    const again = await registry.insertCertificate({ ...certificate, expiresAt: new Date('2031-01-01T00:00:00Z') }, 'admin');
    expect(again).toMatchObject({ created: false, certificate: { issuedOn: '2024-07-01', expiresAt: new Date('2029-06-30T00:00:00Z') } });

    expect(await registry.revokeCertificate(number, new Date('2026-01-01T00:00:00Z'), 'lost', 'admin')).toMatchObject({ revocationReason: 'lost' });
    expect(await registry.revokeCertificate(number, new Date(), 'again', 'admin')).toBeNull();
    await expect(dataSource.query('DELETE FROM enforcement_certificates WHERE number = $1', [number])).rejects.toThrow(/never deleted/);
    expect(await registry.certificatesOf(userId)).toHaveLength(1);
  });
});
