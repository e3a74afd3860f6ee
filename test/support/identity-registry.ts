import type { Actor } from '@docket/domain';
import { tokenFor } from './auth-tokens';
import { ADMIN_AGENCY, AGENCY, OTHER_AGENCY, SUPERVISING_AGENCY, actors, certifiedHandlers } from './case-fixtures';
import { COMMISSION, transferActors } from './transfer-fixtures';

/** The admin who fills the registry for the suites; the identity provider's admin role is trusted as is. */
const registrar: Actor = { userId: 'registrar-admin', role: 'admin', agencyId: ADMIN_AGENCY };

/** Far enough ahead that no suite ever sees it expire. */
export const FAR_FUTURE_EXPIRY = '2099-12-31T00:00:00.000Z';

export type AgencyKind = 'enforcement' | 'supervision' | 'discipline_inspection' | 'other';

export interface AgencySeed {
  readonly id: string;
  readonly name?: string;
  readonly kind?: AgencyKind;
  readonly supervisedBy?: string | null;
}

export interface CertificateSeed {
  readonly number: string;
  readonly expiresAt: string;
  readonly issuedOn?: string;
  readonly issuingAuthority?: string;
}

/** A user to register at the actor's agency in the actor's role; a handler gets a certificate unless one is given or `null`. */
export type UserSeed = Actor & { readonly displayName?: string; readonly certificate?: CertificateSeed | null };

/** The fixture agencies: one supervision body over the two enforcement agencies, and the discipline commissions. */
export const FIXTURE_AGENCIES: readonly AgencySeed[] = [
  { id: SUPERVISING_AGENCY, name: '浦东新区司法局（执法监督）', kind: 'supervision' },
  { id: AGENCY, name: '浦东新区市场监督管理局', kind: 'enforcement', supervisedBy: SUPERVISING_AGENCY },
  { id: OTHER_AGENCY, name: '闵行区市场监督管理局', kind: 'enforcement', supervisedBy: SUPERVISING_AGENCY },
  { id: ADMIN_AGENCY, name: '上海市大数据中心', kind: 'other' },
  { id: COMMISSION, name: '浦东新区纪委监委', kind: 'discipline_inspection' },
  { id: transferActors.otherInspector.agencyId, name: '闵行区纪委监委', kind: 'discipline_inspection' },
];

/** The certificates the fixtures' handler assignments name (certifiedHandlers()), so a client sending them matches the registry. */
const FIXTURE_CERTIFICATES = new Map(certifiedHandlers(FAR_FUTURE_EXPIRY).map((handler) => [handler.userId, handler.certificateNumber]));

/** Every actor of the shared fixtures (case, transfer and deadline suites). */
export const FIXTURE_USERS: readonly UserSeed[] = [
  ...Object.values(actors),
  ...Object.values(transferActors),
  { userId: 'officer-liu', role: 'hearing_officer', agencyId: AGENCY },
];

async function send(apiUrl: string, method: 'GET' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokenFor(registrar)}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}

async function expectOk(what: string, answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const { status, body } = await answer;
  if (status !== 200 && status !== 201) {
    throw new Error(`registry seeding: ${what} answered ${status}: ${JSON.stringify(body)}`);
  }
  return body;
}

/** Creates or replaces the agencies, supervisors first. */
export async function registerAgencies(apiUrl: string, agencies: readonly AgencySeed[]): Promise<void> {
  for (const agency of agencies) {
    await expectOk(
      `agency ${agency.id}`,
      send(apiUrl, 'PUT', `/admin/agencies/${encodeURIComponent(agency.id)}`, {
        name: agency.name ?? agency.id,
        kind: agency.kind ?? 'enforcement',
        supervisedBy: agency.supervisedBy ?? null,
      }),
    );
  }
}

/**
 * Registers each user, active, holding the actor's role at the actor's agency (added to roles held
 * there already); a handler also gets a certificate valid until 2099. An agency not yet registered
 * is registered as an enforcement agency with no supervisor. Idempotent.
 */
export async function registerUsers(apiUrl: string, users: readonly UserSeed[]): Promise<void> {
  for (const user of users) {
    const agencyPath = `/admin/agencies/${encodeURIComponent(user.agencyId)}`;
    if ((await send(apiUrl, 'GET', agencyPath)).status === 404) {
      await registerAgencies(apiUrl, [{ id: user.agencyId }]);
    }
    const userPath = `/admin/users/${encodeURIComponent(user.userId)}`;
    const existing = await send(apiUrl, 'GET', userPath);
    const held =
      existing.status === 200
        ? ((existing.body['agencies'] as Array<{ agencyId: string; roles: string[] }>).find((entry) => entry.agencyId === user.agencyId)?.roles ?? [])
        : [];
    await expectOk(`user ${user.userId}`, send(apiUrl, 'PUT', userPath, { displayName: user.displayName ?? user.userId, active: true }));
    await expectOk(
      `roles of ${user.userId} at ${user.agencyId}`,
      send(apiUrl, 'PUT', `${userPath}/agencies/${encodeURIComponent(user.agencyId)}/roles`, { roles: [...new Set([...held, user.role])] }),
    );
    const certificate =
      user.certificate === undefined && user.role === 'handler'
        ? { number: FIXTURE_CERTIFICATES.get(user.userId) ?? `TEST-${user.userId}`, expiresAt: FAR_FUTURE_EXPIRY }
        : user.certificate;
    if (certificate !== undefined && certificate !== null) {
      await expectOk(
        `certificate of ${user.userId}`,
        send(apiUrl, 'PUT', `${userPath}/certificates/${encodeURIComponent(certificate.number)}`, {
          issuingAuthority: certificate.issuingAuthority ?? '上海市人民政府',
          issuedOn: certificate.issuedOn ?? '2024-01-01',
          expiresAt: certificate.expiresAt,
        }),
      );
    }
  }
}

/** The registry every suite's Docket starts with: the fixture agencies and every fixture actor. */
export async function seedFixtureRegistry(apiUrl: string): Promise<void> {
  await registerAgencies(apiUrl, FIXTURE_AGENCIES);
  await registerUsers(apiUrl, FIXTURE_USERS);
}
