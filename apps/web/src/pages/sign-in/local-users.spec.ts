import { groupByAgency } from './local-users';

describe('the local sign-in list', () => {
  it('shows each person under every agency where they hold a role, with the roles held there', () => {
    const groups = groupByAgency([
      { id: 'li', displayName: '李明', agencies: [{ agencyId: 'b-agency', agencyName: 'B', roles: ['handler'] }] },
      {
        id: 'wang',
        displayName: '王芳',
        agencies: [
          { agencyId: 'b-agency', agencyName: 'B', roles: ['head'] },
          { agencyId: 'a-agency', agencyName: 'A', roles: ['auditor'] },
        ],
      },
    ]);
    expect(groups).toEqual([
      { agencyId: 'a-agency', agencyName: 'A', users: [{ id: 'wang', displayName: '王芳', roles: ['auditor'] }] },
      {
        agencyId: 'b-agency',
        agencyName: 'B',
        users: [
          { id: 'li', displayName: '李明', roles: ['handler'] },
          { id: 'wang', displayName: '王芳', roles: ['head'] },
        ],
      },
    ]);
  });
});
