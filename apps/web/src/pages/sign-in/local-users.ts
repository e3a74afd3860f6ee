import type { LocalUser } from '../../api/auth';

export interface AgencyGroup {
  readonly agencyId: string;
  readonly agencyName: string;
  readonly users: ReadonlyArray<{ readonly id: string; readonly displayName: string; readonly roles: readonly string[] }>;
}

/** The sign-in page's view: one section per agency, its people by name, each with the roles held there. */
export function groupByAgency(users: readonly LocalUser[]): AgencyGroup[] {
  const groups = new Map<string, { agencyName: string; users: AgencyGroup['users'][number][] }>();
  for (const user of users) {
    for (const agency of user.agencies) {
      const group = groups.get(agency.agencyId) ?? { agencyName: agency.agencyName, users: [] };
      group.users.push({ id: user.id, displayName: user.displayName, roles: agency.roles });
      groups.set(agency.agencyId, group);
    }
  }
  return [...groups]
    .map(([agencyId, group]) => ({
      agencyId,
      agencyName: group.agencyName,
      users: [...group.users].sort((a, b) => a.id.localeCompare(b.id)),
    }))
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId));
}
