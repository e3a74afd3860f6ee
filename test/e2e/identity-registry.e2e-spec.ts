import { randomUUID } from 'node:crypto';
import type { Actor } from '@docket/domain';
import { AGENCY, OTHER_AGENCY, SUPERVISING_AGENCY, actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { FAR_FUTURE_EXPIRY, registerAgencies, registerUsers } from '../support/identity-registry';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { transferActors } from '../support/transfer-fixtures';

const adminZhou: Actor = actors.adminZhou;

type Json = Record<string, unknown>;

/** Docket's registry decides who may act: admins manage it, and every other request is checked against it. */
describe('the identity registry', () => {
  let scratch: ScratchDatabase;
  let docket: DocketStack;
  let admin: ReturnType<typeof asUser>;

  beforeAll(async () => {
    scratch = await createScratchDatabase('e2e_registry');
    docket = await startDocket({ databaseUrl: scratch.url, temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-registry') });
    admin = asUser(docket.apiUrl, adminZhou);
  });

  afterAll(async () => {
    await docket?.stop();
    await scratch?.drop();
  });

  const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
  const newCase = () => ({
    source: 'complaint',
    summary: 'Complaint: expired food on sale at the Xinhua Road shop',
    party: { type: 'organization', name: '上海某某食品有限公司' },
  });

  /** A case of the fixture agency, filed and waiting for its handlers. */
  async function filedCase(): Promise<string> {
    const registered = await asUser(docket.apiUrl, actors.handlerLi).post('/cases', newCase());
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;
    expect((await asUser(docket.apiUrl, actors.headWang).post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling)).status).toBe(200);
    return caseId;
  }

  describe('agencies', () => {
    it('are created, replaced, read and listed by an admin', async () => {
      const id = unique('agency');
      const created = await admin.put(`/admin/agencies/${id}`, { name: '某区市场监督管理局', kind: 'enforcement', supervisedBy: SUPERVISING_AGENCY });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id, name: '某区市场监督管理局', kind: 'enforcement', supervisedBy: SUPERVISING_AGENCY, updatedBy: adminZhou.userId });

      const replaced = await admin.put(`/admin/agencies/${id}`, { name: '某区市场监管局', kind: 'other' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ id, name: '某区市场监管局', kind: 'other', supervisedBy: null });

      expect((await admin.get(`/admin/agencies/${id}`)).body).toMatchObject({ id, kind: 'other' });
      const listed = await admin.get<Json[]>('/admin/agencies');
      expect(listed.status).toBe(200);
      expect(listed.body.map((agency) => agency['id'])).toEqual(expect.arrayContaining([id, AGENCY, OTHER_AGENCY, SUPERVISING_AGENCY]));
      expect(listed.body.find((agency) => agency['id'] === AGENCY)).toMatchObject({ kind: 'enforcement', supervisedBy: SUPERVISING_AGENCY });
    });

    it('refuses bad input naming the field, an unknown supervisor, and a loop in the supervision tree; changing nothing', async () => {
      const id = unique('agency');
      const cases: Array<[string, Json, string]> = [
        [id, { name: 'x', kind: 'court' }, 'kind'],
        [id, { name: '', kind: 'enforcement' }, 'name'],
        [id, { kind: 'enforcement' }, 'name'],
        [id, { name: 'x', kind: 'enforcement', supervisedBy: 'has spaces' }, 'supervisedBy'],
        [id, { name: 'x', kind: 'enforcement', colour: 'red' }, 'colour'],
        ['has%20spaces', { name: 'x', kind: 'enforcement' }, 'agencyId'],
      ];
      for (const [path, body, field] of cases) {
        expect((await admin.put(`/admin/agencies/${path}`, body)).body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field });
      }
      expect((await admin.get(`/admin/agencies/${id}`)).body).toMatchObject({ status: 404, code: 'AGENCY_NOT_FOUND' });

      const unknownSupervisor = await admin.put(`/admin/agencies/${id}`, { name: 'x', kind: 'enforcement', supervisedBy: unique('nowhere') });
      expect(unknownSupervisor.body).toMatchObject({ status: 404, code: 'AGENCY_NOT_FOUND', field: 'supervisedBy' });

      const top = unique('top');
      const below = unique('below');
      await registerAgencies(docket.apiUrl, [{ id: top, kind: 'supervision' }, { id: below, kind: 'supervision', supervisedBy: top }]);
      const loop = await admin.put(`/admin/agencies/${top}`, { name: top, kind: 'supervision', supervisedBy: below });
      expect(loop.body).toMatchObject({ status: 422, code: 'SUPERVISION_CYCLE', field: 'supervisedBy' });
      const itself = await admin.put(`/admin/agencies/${top}`, { name: top, kind: 'supervision', supervisedBy: top });
      expect(itself.body).toMatchObject({ status: 422, code: 'SUPERVISION_CYCLE', field: 'supervisedBy' });
      expect((await admin.get(`/admin/agencies/${top}`)).body).toMatchObject({ supervisedBy: null });
    });
  });

  describe('users and their roles per agency', () => {
    it('registers a user, changes them, and sets different roles at different agencies', async () => {
      const userId = unique('user');
      const created = await admin.put(`/admin/users/${userId}`, { displayName: '周敏', active: true });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: userId, displayName: '周敏', active: true, agencies: [], certificates: [] });

      const roles = await admin.put(`/admin/users/${userId}/agencies/${AGENCY}/roles`, { roles: ['reviewer', 'hearing_officer'] });
      expect(roles.status).toBe(200);
      expect(roles.body).toEqual({ userId, agencyId: AGENCY, roles: ['hearing_officer', 'reviewer'] });
      await admin.put(`/admin/users/${userId}/agencies/${OTHER_AGENCY}/roles`, { roles: ['head'] });

      const renamed = await admin.put(`/admin/users/${userId}`, { displayName: '周敏（法制科）', active: true });
      expect(renamed.status).toBe(200);
      expect((await admin.get(`/admin/users/${userId}`)).body).toMatchObject({
        id: userId,
        displayName: '周敏（法制科）',
        // Ordered by agency id.
        agencies: [
          { agencyId: OTHER_AGENCY, roles: ['head'] },
          { agencyId: AGENCY, roles: ['hearing_officer', 'reviewer'] },
        ],
      });

      const atOther = await admin.get<Json[]>(`/admin/users?agency=${OTHER_AGENCY}`);
      expect(atOther.body.map((user) => user['id'])).toEqual(expect.arrayContaining([userId, actors.otherAgencyHead.userId]));
      expect(atOther.body.map((user) => user['id'])).not.toContain(actors.handlerLi.userId);
      const everyone = await admin.get<Json[]>('/admin/users');
      expect(everyone.body.map((user) => user['id'])).toEqual(expect.arrayContaining([userId, actors.handlerLi.userId, actors.auditorQian.userId]));

      // An empty list takes the user's roles at that agency away.
      expect((await admin.put(`/admin/users/${userId}/agencies/${OTHER_AGENCY}/roles`, { roles: [] })).body).toEqual({ userId, agencyId: OTHER_AGENCY, roles: [] });
      expect((await admin.get(`/admin/users/${userId}`)).body['agencies']).toEqual([{ agencyId: AGENCY, roles: ['hearing_officer', 'reviewer'] }]);
    });

    it('refuses bad input naming the field, and unknown users and agencies with their own codes', async () => {
      const userId = unique('user');
      for (const [body, field] of [
        [{ displayName: '', active: true }, 'displayName'],
        [{ displayName: '周敏', active: 'yes' }, 'active'],
        [{ displayName: '周敏' }, 'active'],
      ] as const) {
        expect((await admin.put(`/admin/users/${userId}`, body)).body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field });
      }
      expect((await admin.put('/admin/users/bad%20id', { displayName: '周敏', active: true })).body).toMatchObject({ status: 400, field: 'userId' });
      expect((await admin.get(`/admin/users/${userId}`)).body).toMatchObject({ status: 404, code: 'USER_NOT_FOUND', field: 'userId' });
      expect((await admin.get(`/admin/users?agency=${unique('nowhere')}`)).body).toMatchObject({ status: 404, code: 'AGENCY_NOT_FOUND', field: 'agency' });
      expect((await admin.get('/admin/users?agency=bad%20id')).body).toMatchObject({ status: 400, field: 'agency' });
      expect((await admin.put(`/admin/users/${userId}/agencies/${AGENCY}/roles`, { roles: ['handler'] })).body).toMatchObject({
        status: 404,
        code: 'USER_NOT_FOUND',
      });

      await admin.put(`/admin/users/${userId}`, { displayName: '周敏', active: true });
      for (const [body, field] of [
        [{ roles: ['king'] }, 'roles'],
        [{ roles: 'handler' }, 'roles'],
        [{ roles: ['handler', 'handler'] }, 'roles'],
        [{}, 'roles'],
      ] as const) {
        expect((await admin.put(`/admin/users/${userId}/agencies/${AGENCY}/roles`, body)).body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field });
      }
      expect((await admin.put(`/admin/users/${userId}/agencies/${unique('nowhere')}/roles`, { roles: ['handler'] })).body).toMatchObject({
        status: 404,
        code: 'AGENCY_NOT_FOUND',
        field: 'agencyId',
      });
      expect((await admin.get(`/admin/users/${userId}`)).body['agencies']).toEqual([]);
    });
  });

  describe('enforcement certificates', () => {
    const certificate = { issuingAuthority: '上海市人民政府', issuedOn: '2024-07-01', expiresAt: '2029-06-30T00:00:00.000Z' };

    it('records a certificate once, keeps it, and revokes it', async () => {
      const userId = unique('user');
      await admin.put(`/admin/users/${userId}`, { displayName: '孙伟', active: true });
      const number = unique('SH');
      const created = await admin.put(`/admin/users/${userId}/certificates/${number}`, certificate);
      expect(created.status).toBe(201);
      expect(created.body).toEqual({ number, holderId: userId, ...certificate, revokedAt: null, revocationReason: null, status: 'valid' });
      expect((await admin.put(`/admin/users/${userId}/certificates/${number}`, certificate)).status).toBe(200);

      const rewritten = await admin.put(`/admin/users/${userId}/certificates/${number}`, { ...certificate, expiresAt: '2031-06-30T00:00:00.000Z' });
      expect(rewritten.body).toMatchObject({ status: 409, code: 'CERTIFICATE_NUMBER_TAKEN', field: 'certificateNumber' });

      const revoked = await admin.post(`/admin/users/${userId}/certificates/${number}/revocation`, { reason: 'Withdrawn after disciplinary finding 2026-17' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ number, status: 'revoked', revocationReason: 'Withdrawn after disciplinary finding 2026-17' });
      const again = await admin.post(`/admin/users/${userId}/certificates/${number}/revocation`, { reason: 'twice' });
      expect(again.body).toMatchObject({ status: 409, code: 'CERTIFICATE_ALREADY_REVOKED' });

      // The renewal is a new number; the revoked one stays on record.
      const renewal = unique('SH');
      await admin.put(`/admin/users/${userId}/certificates/${renewal}`, { ...certificate, issuedOn: '2026-11-01', expiresAt: '2031-10-31T00:00:00.000Z' });
      const user = await admin.get<{ certificates: Json[] }>(`/admin/users/${userId}`);
      expect(user.body.certificates.map((entry) => [entry['number'], entry['status']])).toEqual([
        [renewal, 'valid'],
        [number, 'revoked'],
      ]);
    });

    it('refuses another holder’s number, bad input naming the field, and unknown users or certificates', async () => {
      const userId = unique('user');
      await admin.put(`/admin/users/${userId}`, { displayName: '孙伟', active: true });
      const taken = await admin.put(`/admin/users/${userId}/certificates/SH-0451203`, { ...certificate, expiresAt: FAR_FUTURE_EXPIRY, issuedOn: '2024-01-01' });
      expect(taken.body).toMatchObject({ status: 409, code: 'CERTIFICATE_NUMBER_TAKEN', field: 'certificateNumber' });
      expect(taken.text).not.toContain(actors.handlerLi.userId);

      const number = unique('SH');
      for (const [body, field] of [
        [{ ...certificate, expiresAt: 'soon' }, 'expiresAt'],
        [{ ...certificate, issuedOn: '2024-07-01T00:00:00Z' }, 'issuedOn'],
        [{ ...certificate, issuedOn: '2030-01-01' }, 'expiresAt'],
        [{ ...certificate, issuingAuthority: '' }, 'issuingAuthority'],
      ] as const) {
        expect((await admin.put(`/admin/users/${userId}/certificates/${number}`, body)).body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field });
      }
      expect((await admin.put(`/admin/users/${unique('nobody')}/certificates/${number}`, certificate)).body).toMatchObject({ status: 404, code: 'USER_NOT_FOUND' });
      expect((await admin.get<{ certificates: unknown[] }>(`/admin/users/${userId}`)).body.certificates).toEqual([]);

      const path = `/admin/users/${userId}/certificates/${number}/revocation`;
      expect((await admin.post(path, { reason: 'x' })).body).toMatchObject({ status: 404, code: 'CERTIFICATE_NOT_FOUND' });
      await admin.put(`/admin/users/${userId}/certificates/${number}`, certificate);
      expect((await admin.post(path, {})).body).toMatchObject({ status: 400, field: 'reason' });
      expect((await admin.post(path, { reason: 'x', revokedAt: '2999-01-01T00:00:00.000Z' })).body).toMatchObject({ status: 400, field: 'revokedAt' });
      // Someone else's certificate is not found under this user.
      expect((await admin.post(`/admin/users/${userId}/certificates/SH-0451203/revocation`, { reason: 'x' })).body).toMatchObject({ status: 404 });
      expect((await admin.get<{ certificates: Json[] }>(`/admin/users/${userId}`)).body.certificates).toMatchObject([{ number, status: 'valid' }]);
    });
  });

  it('is managed by admins only', async () => {
    const userId = unique('user');
    for (const actor of [actors.headWang, actors.auditorQian, actors.handlerLi]) {
      const user = asUser(docket.apiUrl, actor);
      const answers = [
        await user.get('/admin/agencies'),
        await user.get(`/admin/agencies/${AGENCY}`),
        await user.put(`/admin/agencies/${AGENCY}`, { name: 'x', kind: 'other' }),
        await user.get('/admin/users'),
        await user.get(`/admin/users/${actor.userId}`),
        await user.put(`/admin/users/${userId}`, { displayName: 'x', active: true }),
        await user.put(`/admin/users/${actor.userId}/agencies/${AGENCY}/roles`, { roles: ['admin'] }),
        await user.put(`/admin/users/${actor.userId}/certificates/${unique('SH')}`, { issuingAuthority: 'x', issuedOn: '2024-01-01', expiresAt: FAR_FUTURE_EXPIRY }),
        await user.post(`/admin/users/${actors.handlerLi.userId}/certificates/SH-0451203/revocation`, { reason: 'x' }),
      ];
      expect(answers.map((answer) => [answer.status, answer.body['code']])).toEqual(answers.map(() => [403, 'ROLE_NOT_PERMITTED']));
    }
    expect((await admin.get(`/admin/users/${userId}`)).status).toBe(404);
    expect((await admin.get(`/admin/agencies/${AGENCY}`)).body).toMatchObject({ kind: 'enforcement', supervisedBy: SUPERVISING_AGENCY });
    expect((await admin.get<{ certificates: Json[] }>(`/admin/users/${actors.handlerLi.userId}`)).body.certificates).toMatchObject([{ number: 'SH-0451203', status: 'valid' }]);
  });

  describe('who may act', () => {
    it('refuses a user the registry does not know, a role not granted at the token’s agency, and a deactivated user', async () => {
      const unknown = await asUser(docket.apiUrl, { userId: unique('stranger'), role: 'head', agencyId: AGENCY }).get(`/cases/${randomUUID()}`);
      expect(unknown.body).toMatchObject({ status: 403, code: 'USER_NOT_REGISTERED' });

      const reviewerAsHead = await asUser(docket.apiUrl, { ...actors.reviewerZhao, role: 'head' }).get(`/cases/${randomUUID()}`);
      expect(reviewerAsHead.body).toMatchObject({ status: 403, code: 'ROLE_NOT_GRANTED' });
      const handlerElsewhere = await asUser(docket.apiUrl, { ...actors.handlerLi, agencyId: OTHER_AGENCY }).post('/cases', newCase());
      expect(handlerElsewhere.body).toMatchObject({ status: 403, code: 'ROLE_NOT_GRANTED' });

      const reviewer: Actor = { userId: unique('reviewer'), role: 'reviewer', agencyId: AGENCY };
      await registerUsers(docket.apiUrl, [reviewer]);
      const caseId = await filedCase();
      expect((await asUser(docket.apiUrl, reviewer).get(`/cases/${caseId}`)).status).toBe(200);
      await admin.put(`/admin/users/${reviewer.userId}`, { displayName: reviewer.userId, active: false });
      expect((await asUser(docket.apiUrl, reviewer).get(`/cases/${caseId}`)).body).toMatchObject({ status: 403, code: 'USER_DEACTIVATED' });
      await admin.put(`/admin/users/${reviewer.userId}`, { displayName: reviewer.userId, active: true });
      expect((await asUser(docket.apiUrl, reviewer).get(`/cases/${caseId}`)).status).toBe(200);
    });

    it('stops a handler whose certificate has expired, was revoked, or who has none', async () => {
      const expired: Actor = { userId: unique('handler'), role: 'handler', agencyId: AGENCY };
      const expiredNumber = unique('SH');
      await registerUsers(docket.apiUrl, [{ ...expired, certificate: { number: expiredNumber, issuedOn: '2019-01-01', expiresAt: '2024-01-01T00:00:00.000Z' } }]);
      const refused = await asUser(docket.apiUrl, expired).post('/cases', newCase());
      expect(refused.body).toMatchObject({ status: 403, code: 'CERTIFICATE_INVALID' });
      expect(refused.body['detail']).toMatch(/expired/);
      expect(refused.text).not.toContain(expiredNumber);

      const revoked: Actor = { userId: unique('handler'), role: 'handler', agencyId: AGENCY };
      const revokedNumber = unique('SH');
      await registerUsers(docket.apiUrl, [{ ...revoked, certificate: { number: revokedNumber, expiresAt: FAR_FUTURE_EXPIRY } }]);
      expect((await asUser(docket.apiUrl, revoked).post('/cases', newCase())).status).toBe(201);
      await admin.post(`/admin/users/${revoked.userId}/certificates/${revokedNumber}/revocation`, { reason: 'Withdrawn' });
      const afterRevocation = await asUser(docket.apiUrl, revoked).post('/cases', newCase());
      expect(afterRevocation.body).toMatchObject({ status: 403, code: 'CERTIFICATE_INVALID' });
      expect(afterRevocation.body['detail']).toMatch(/revoked/);

      const uncertified: Actor = { userId: unique('handler'), role: 'handler', agencyId: AGENCY };
      await registerUsers(docket.apiUrl, [{ ...uncertified, certificate: null }]);
      const none = await asUser(docket.apiUrl, uncertified).get(`/cases/${randomUUID()}`);
      expect(none.body).toMatchObject({ status: 403, code: 'CERTIFICATE_INVALID' });
      expect(none.body['detail']).toMatch(/no enforcement certificate/);
    });
  });

  describe("handlers' certificates on a case", () => {
    it('come from the registry on the dedicated route and on the generic one', async () => {
      const head = asUser(docket.apiUrl, actors.headWang);
      const first = await filedCase();
      const assigned = await head.post(`/cases/${first}/handlers`, { handlers: [{ userId: actors.handlerLi.userId }, { userId: actors.handlerChen.userId }] });
      expect(assigned.status).toBe(200);
      expect(assigned.body).toMatchObject({
        stage: 'investigation',
        handlers: [
          { userId: actors.handlerLi.userId, certificateNumber: 'SH-0451203', certificateExpiresAt: FAR_FUTURE_EXPIRY },
          { userId: actors.handlerChen.userId, certificateNumber: 'SH-0451877', certificateExpiresAt: FAR_FUTURE_EXPIRY },
        ],
      });

      const second = await filedCase();
      const generic = await head.post(`/cases/${second}/actions/assign-handlers`, {
        handlers: [{ userId: actors.handlerLi.userId, certificateNumber: 'SH-0451203' }, { userId: transferActors.handlerSun.userId }],
      });
      expect(generic.status).toBe(200);
      expect(generic.body['handlers']).toEqual([
        { userId: actors.handlerLi.userId, certificateNumber: 'SH-0451203', certificateExpiresAt: FAR_FUTURE_EXPIRY },
        { userId: transferActors.handlerSun.userId, certificateNumber: `TEST-${transferActors.handlerSun.userId}`, certificateExpiresAt: FAR_FUTURE_EXPIRY },
      ]);
    });

    it('refuses a handler who is not a certified handler of the case’s agency, or a certificate the registry does not hold, naming the field', async () => {
      const head = asUser(docket.apiUrl, actors.headWang);
      const expiredHandler: Actor = { userId: unique('handler'), role: 'handler', agencyId: AGENCY };
      await registerUsers(docket.apiUrl, [{ ...expiredHandler, certificate: { number: unique('SH'), issuedOn: '2019-01-01', expiresAt: '2024-01-01T00:00:00.000Z' } }]);
      const caseId = await filedCase();
      const li = { userId: actors.handlerLi.userId };
      const attempts: Array<[unknown[], string, string]> = [
        [[li, { userId: unique('stranger') }], 'HANDLER_NOT_CERTIFIED', 'handlers[1].userId'],
        [[{ userId: actors.otherAgencyHandler.userId }, li], 'HANDLER_NOT_CERTIFIED', 'handlers[0].userId'],
        [[{ userId: actors.reviewerZhao.userId }, li], 'HANDLER_NOT_CERTIFIED', 'handlers[0].userId'],
        [[li, { userId: expiredHandler.userId }], 'HANDLER_NOT_CERTIFIED', 'handlers[1].userId'],
        [[{ ...li, certificateNumber: 'SH-0451877' }, { userId: actors.handlerChen.userId }], 'CERTIFICATE_MISMATCH', 'handlers[0].certificateNumber'],
        [[li, { userId: actors.handlerChen.userId, certificateExpiresAt: '2028-06-30T00:00:00.000Z' }], 'CERTIFICATE_MISMATCH', 'handlers[1].certificateExpiresAt'],
      ];
      for (const [handlers, code, field] of attempts) {
        expect((await head.post(`/cases/${caseId}/handlers`, { handlers })).body).toMatchObject({ status: 422, code, field });
        expect((await head.post(`/cases/${caseId}/actions/assign-handlers`, { handlers })).body).toMatchObject({ status: 422, code, field });
      }
      expect((await head.get(`/cases/${caseId}`)).body).toMatchObject({ stage: 'filed', handlers: [] });
    });

    it("fill a recusal's replacement from the registry", async () => {
      const head = asUser(docket.apiUrl, actors.headWang);
      const caseId = await filedCase();
      await head.post(`/cases/${caseId}/handlers`, { handlers: [{ userId: actors.handlerLi.userId }, { userId: actors.handlerChen.userId }] });
      const requested = await asUser(docket.apiUrl, actors.handlerChen).post(`/cases/${caseId}/actions/request-recusal`, {
        handlerId: actors.handlerChen.userId,
        reason: 'My cousin works for the party',
      });
      expect(requested.status).toBe(200);
      const decision = { handlerId: actors.handlerChen.userId, granted: true, reason: 'Close relative of the party (APL 43)' };
      const stranger = await head.post(`/cases/${caseId}/actions/decide-recusal`, { ...decision, replacement: { userId: unique('stranger') } });
      expect(stranger.body).toMatchObject({ status: 422, code: 'HANDLER_NOT_CERTIFIED', field: 'replacement.userId' });
      const granted = await head.post(`/cases/${caseId}/actions/decide-recusal`, { ...decision, replacement: { userId: transferActors.handlerSun.userId } });
      expect(granted.status).toBe(200);
      expect(granted.body['handlers']).toEqual([
        { userId: actors.handlerLi.userId, certificateNumber: 'SH-0451203', certificateExpiresAt: FAR_FUTURE_EXPIRY },
        { userId: transferActors.handlerSun.userId, certificateNumber: `TEST-${transferActors.handlerSun.userId}`, certificateExpiresAt: FAR_FUTURE_EXPIRY },
      ]);
    });
  });

  describe('reading cases across agencies', () => {
    it('lets the auditors of a supervising body read a case, at any depth of the tree, and no other auditor', async () => {
      const caseId = await filedCase();
      expect((await asUser(docket.apiUrl, actors.auditorQian).get(`/cases/${caseId}`)).body).toMatchObject({ caseId, stage: 'filed' });

      const top = unique('province');
      const unrelated = unique('elsewhere');
      await registerAgencies(docket.apiUrl, [
        { id: top, kind: 'supervision' },
        { id: unrelated, kind: 'supervision' },
      ]);
      // The fixture's supervision body is itself supervised from the new top of the tree.
      await admin.put(`/admin/agencies/${SUPERVISING_AGENCY}`, { name: '浦东新区司法局（执法监督）', kind: 'supervision', supervisedBy: top });
      const topAuditor: Actor = { userId: unique('auditor'), role: 'auditor', agencyId: top };
      const unrelatedAuditor: Actor = { userId: unique('auditor'), role: 'auditor', agencyId: unrelated };
      await registerUsers(docket.apiUrl, [topAuditor, unrelatedAuditor]);

      expect((await asUser(docket.apiUrl, topAuditor).get(`/cases/${caseId}`)).body).toMatchObject({ caseId });
      expect((await asUser(docket.apiUrl, unrelatedAuditor).get(`/cases/${caseId}`)).body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
      expect((await asUser(docket.apiUrl, unrelatedAuditor).get(`/cases/${caseId}/actions`)).body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
      // A head of another agency under the same supervisor is no auditor: the case stays hidden.
      expect((await asUser(docket.apiUrl, actors.otherAgencyHead).get(`/cases/${caseId}`)).body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    });
  });
});
