import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { ALL_ROLES, type Actor, type Role } from '@docket/domain';
import { AGENCY, OTHER_AGENCY, actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { tokenFor } from '../support/auth-tokens';
import { registerAgencies, registerUsers } from '../support/identity-registry';
import { COMMISSION, clueSteps, transferActors } from '../support/transfer-fixtures';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/**
 * The authorization matrix (issue 4, item 3): every endpoint the OpenAPI document lists, called by
 * every role, once as a person of the case's own agency and once as a person of another, answers
 * exactly the status this table says. An endpoint missing from the table fails the test, so a new
 * route cannot ship without its row.
 *
 * "Own" is the agency the probe's case belongs to (sh-pudong-amr); for an auditor it is the
 * supervision body over it, for an inspector the commission the case's clue went to, for an admin
 * the administrators' own agency. "Other" is a person of the same role elsewhere: another
 * enforcement agency, a supervision body over something else, another commission.
 *
 * Set DOCKET_MATRIX_OUT to a file path to have the matrix written there as Markdown.
 */

type Side = 'own' | 'other';

interface Probe {
  readonly path: string;
  readonly body?: unknown;
  /** Sent as multipart/form-data: one file part and these text parts. */
  readonly multipart?: { readonly file: { readonly name: string; readonly type: string; readonly bytes: Buffer }; readonly fields?: Record<string, string> };
}

/** What a probe may need: a case at its first stage, or a case whose clue transfer reached the commission. */
interface ProbeContext {
  readonly caseId: string;
  readonly transferCaseId: string;
  readonly attachmentId: string;
  readonly unique: string;
}

interface MatrixRow {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** As the OpenAPI document writes it. */
  readonly route: string;
  readonly probe: (context: ProbeContext) => Probe;
  /** The roles the route's gate lets through; every other role is answered 403. */
  readonly allowed: readonly Role[] | 'everyone';
  readonly own: number;
  readonly other: number;
  /** Where a role passes the gate but the rules of the case answer otherwise (a step another role takes). */
  readonly exceptions?: Partial<Record<`${Role}/${Side}`, number>>;
  /** A 2xx answer changes what the probe touched: give the cell a case of its own. */
  readonly fresh?: 'case' | 'transfer';
}

const CASE_READERS: readonly Role[] = ['handler', 'reviewer', 'head', 'hearing_officer', 'auditor'];
const WORKING: readonly Role[] = ['handler', 'reviewer', 'head', 'hearing_officer'];
const ADMIN: readonly Role[] = ['admin'];

const OTHER_SUPERVISION = 'js-nanjing-justice';
const people: Record<Role, Record<Side, Actor>> = {
  handler: { own: actors.handlerLi, other: actors.otherAgencyHandler },
  reviewer: { own: actors.reviewerZhao, other: actors.otherAgencyReviewer },
  head: { own: actors.headWang, other: actors.otherAgencyHead },
  hearing_officer: { own: actors.hearingOfficerZhou, other: { userId: 'officer-hu', role: 'hearing_officer', agencyId: OTHER_AGENCY } },
  auditor: { own: actors.auditorQian, other: { userId: 'auditor-lin', role: 'auditor', agencyId: OTHER_SUPERVISION } },
  inspector: { own: transferActors.inspectorZhou, other: transferActors.otherInspector },
  admin: { own: actors.adminZhou, other: { userId: 'admin-xu', role: 'admin', agencyId: OTHER_AGENCY } },
};

const newCase = (caseId = randomUUID()) => ({
  caseId,
  source: 'complaint',
  summary: 'Complaint: expired food on sale',
  violationCode: 'FSL-124-1-3',
  party: { type: 'organization', name: '上海某某食品有限公司' },
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const evidence = { file: { name: 'inspection-record.pdf', type: 'application/pdf', bytes: PDF }, fields: { description: 'Inspection record' } };

const clueProposal = {
  proposal: {
    misconduct: { kind: 'rent_seeking', description: 'An inspector asked the shop for “consulting fees”' },
    official: { name: '张某', position: 'inspector', organization: 'Xinhua Road office' },
    discoveredAt: '2026-01-05T02:00:00.000Z',
  },
};

const MATRIX: readonly MatrixRow[] = [
  // ── open to everyone, with or without a token
  { method: 'GET', route: '/health', probe: () => ({ path: '/health' }), allowed: 'everyone', own: 200, other: 200 },
  { method: 'GET', route: '/public/decisions', probe: () => ({ path: '/public/decisions' }), allowed: 'everyone', own: 200, other: 200 },
  // The console's sign-in: what exists is public; local sign-in is off on this stack (as in production), so 404 to all.
  { method: 'GET', route: '/auth/config', probe: () => ({ path: '/auth/config' }), allowed: 'everyone', own: 200, other: 200 },
  { method: 'GET', route: '/auth/local/users', probe: () => ({ path: '/auth/local/users' }), allowed: 'everyone', own: 404, other: 404 },
  {
    method: 'POST',
    route: '/auth/local/sessions',
    probe: () => ({ path: '/auth/local/sessions', body: { userId: 'handler-li', agencyId: 'sh-pudong-amr' } }),
    allowed: 'everyone',
    own: 404,
    other: 404,
  },

  // ── cases: registering, reading, searching
  { method: 'POST', route: '/cases', probe: () => ({ path: '/cases', body: newCase() }), allowed: ['handler'], own: 201, other: 201 },
  { method: 'GET', route: '/cases', probe: () => ({ path: '/cases?limit=5' }), allowed: CASE_READERS, own: 200, other: 200 },
  { method: 'GET', route: '/cases/{caseId}', probe: (c) => ({ path: `/cases/${c.caseId}` }), allowed: CASE_READERS, own: 200, other: 404 },
  { method: 'GET', route: '/cases/{caseId}/actions', probe: (c) => ({ path: `/cases/${c.caseId}/actions` }), allowed: CASE_READERS, own: 200, other: 404 },
  // The Temporal record is for the supervising body only; the case's own people have the case view.
  { method: 'GET', route: '/cases/{caseId}/history', probe: (c) => ({ path: `/cases/${c.caseId}/history` }), allowed: ['auditor'], own: 200, other: 404 },
  // The timeline also for the agency's head (internal supervision); another agency's head or body is told the case does not exist.
  { method: 'GET', route: '/cases/{caseId}/timeline', probe: (c) => ({ path: `/cases/${c.caseId}/timeline` }), allowed: ['auditor', 'head'], own: 200, other: 404 },
  // Tamper evidence is for the supervising body; an auditor of another body is told the case does not exist.
  { method: 'GET', route: '/cases/{caseId}/verify', probe: (c) => ({ path: `/cases/${c.caseId}/verify` }), allowed: ['auditor'], own: 200, other: 404 },
  // Replay jobs: a supervising auditor's job is accepted (202); a case outside another body's supervision is unknown to it.
  { method: 'POST', route: '/audit/replays', probe: (c) => ({ path: '/audit/replays', body: { caseIds: [c.caseId] } }), allowed: ['auditor'], own: 202, other: 404 },
  // A job is shown only to the auditor who started it; a job id nobody started is unknown to all.
  { method: 'GET', route: '/audit/replays/{jobId}', probe: () => ({ path: `/audit/replays/${randomUUID()}` }), allowed: ['auditor'], own: 404, other: 404 },
  // Each auditor lists their own jobs (none for most): no case is named, so no own/other difference.
  { method: 'GET', route: '/audit/replays', probe: () => ({ path: '/audit/replays?limit=5' }), allowed: ['auditor'], own: 200, other: 200 },
  // The Temporal UI's codec server: a payload names no case, so every auditor may decode (no own/other difference).
  { method: 'POST', route: '/codec/decode', probe: () => ({ path: '/codec/decode', body: { payloads: [] } }), allowed: ['auditor'], own: 200, other: 200 },
  { method: 'POST', route: '/codec/encode', probe: () => ({ path: '/codec/encode', body: { payloads: [] } }), allowed: ['auditor'], own: 200, other: 200 },

  // ── the lifecycle's steps, on a case just registered (stage clue)
  {
    method: 'POST',
    route: '/cases/{caseId}/actions/{action}',
    probe: (c) => ({ path: `/cases/${c.caseId}/actions/approve-filing`, body: thinPath.approveFiling }),
    allowed: WORKING,
    own: 200,
    other: 404,
    // The step is a head's (APL 54); the other roles pass the route's gate and are refused by the rule.
    exceptions: { 'handler/own': 403, 'reviewer/own': 403, 'hearing_officer/own': 403 },
    fresh: 'case',
  },
  { method: 'POST', route: '/cases/{caseId}/filing/approve', probe: (c) => ({ path: `/cases/${c.caseId}/filing/approve`, body: thinPath.approveFiling }), allowed: ['head'], own: 200, other: 404, fresh: 'case' },
  { method: 'POST', route: '/cases/{caseId}/filing/decline', probe: (c) => ({ path: `/cases/${c.caseId}/filing/decline`, body: { reason: 'No violation found' } }), allowed: ['head'], own: 200, other: 404, fresh: 'case' },
  // The steps below do not belong to a clue: the right role of the right agency learns the stage is wrong (409).
  { method: 'POST', route: '/cases/{caseId}/handlers', probe: (c) => ({ path: `/cases/${c.caseId}/handlers`, body: { handlers: [{ userId: 'handler-li' }, { userId: 'handler-chen' }] } }), allowed: ['head'], own: 409, other: 404 },
  { method: 'POST', route: '/cases/{caseId}/investigation-report', probe: (c) => ({ path: `/cases/${c.caseId}/investigation-report`, body: thinPath.report }), allowed: ['handler'], own: 409, other: 404 },
  { method: 'POST', route: '/cases/{caseId}/legal-review', probe: (c) => ({ path: `/cases/${c.caseId}/legal-review`, body: thinPath.approveReview }), allowed: ['reviewer'], own: 409, other: 404 },
  { method: 'POST', route: '/cases/{caseId}/notice/close', probe: (c) => ({ path: `/cases/${c.caseId}/notice/close`, body: thinPath.closeNotice }), allowed: ['handler'], own: 409, other: 404 },
  { method: 'POST', route: '/cases/{caseId}/decision', probe: (c) => ({ path: `/cases/${c.caseId}/decision`, body: thinPath.decide }), allowed: ['head'], own: 409, other: 404 },
  { method: 'POST', route: '/cases/{caseId}/closing', probe: (c) => ({ path: `/cases/${c.caseId}/closing`, body: thinPath.close }), allowed: ['head'], own: 409, other: 404 },

  // ── transfers: a case whose clue went to the commission (status transferred)
  {
    method: 'GET',
    route: '/cases/{caseId}/transfers/{kind}',
    probe: (c) => ({ path: `/cases/${c.transferCaseId}/transfers/clue-transfer` }),
    allowed: [...CASE_READERS, 'inspector'],
    own: 200,
    other: 404,
  },
  {
    method: 'POST',
    route: '/cases/{caseId}/transfers/{kind}/actions/{action}',
    probe: (c) => ({ path: `/cases/${c.transferCaseId}/transfers/clue-transfer/actions/acknowledge-receipt`, body: {} }),
    allowed: ['handler', 'head', 'inspector'],
    own: 200,
    other: 404,
    // Acknowledging is the receiving inspector's step; the agency's people are refused by the rule.
    exceptions: { 'handler/own': 403, 'head/own': 403 },
    fresh: 'transfer',
  },

  // ── evidence and documents
  { method: 'POST', route: '/cases/{caseId}/attachments', probe: (c) => ({ path: `/cases/${c.caseId}/attachments`, multipart: evidence }), allowed: ['handler', 'head'], own: 201, other: 404 },
  { method: 'GET', route: '/cases/{caseId}/attachments', probe: (c) => ({ path: `/cases/${c.caseId}/attachments` }), allowed: CASE_READERS, own: 200, other: 404 },
  {
    method: 'GET',
    route: '/cases/{caseId}/attachments/{attachmentId}',
    probe: (c) => ({ path: `/cases/${c.caseId}/attachments/${c.attachmentId}` }),
    allowed: CASE_READERS,
    own: 200,
    other: 404,
  },

  // ── the inbox, on a clue (which waits for a head)
  { method: 'GET', route: '/inbox', probe: () => ({ path: '/inbox?limit=5' }), allowed: [...WORKING, 'auditor'], own: 200, other: 200 },
  {
    method: 'POST',
    route: '/inbox/{caseId}/{action}/claim',
    probe: (c) => ({ path: `/inbox/${c.caseId}/approve-filing/claim`, body: {} }),
    allowed: WORKING,
    own: 200,
    other: 404,
    exceptions: { 'handler/own': 403, 'reviewer/own': 403, 'hearing_officer/own': 403 },
    fresh: 'case',
  },
  {
    method: 'POST',
    route: '/inbox/{caseId}/{action}/release',
    probe: (c) => ({ path: `/inbox/${c.caseId}/approve-filing/release`, body: {} }),
    allowed: WORKING,
    own: 200,
    other: 404,
    exceptions: { 'handler/own': 403, 'reviewer/own': 403, 'hearing_officer/own': 403 },
  },
  {
    method: 'POST',
    route: '/inbox/{caseId}/{action}/assignment',
    probe: (c) => ({ path: `/inbox/${c.caseId}/approve-filing/assignment`, body: { userId: actors.headWang.userId } }),
    allowed: ['head'],
    own: 200,
    other: 404,
    fresh: 'case',
  },

  // ── supervision figures: an auditor for the agencies they supervise, a head for their own
  {
    method: 'GET',
    route: '/supervision/figures',
    probe: () => ({ path: `/supervision/figures?agency=${AGENCY}&from=2026-01-01&to=2026-12-31` }),
    allowed: ['auditor', 'head'],
    own: 200,
    other: 403,
  },
  // The agencies the caller may pick figures of: each caller gets their own list, so no own/other difference.
  { method: 'GET', route: '/supervision/agencies', probe: () => ({ path: '/supervision/agencies' }), allowed: ['auditor', 'head'], own: 200, other: 200 },
  { method: 'GET', route: '/metrics', probe: () => ({ path: '/metrics' }), allowed: 'everyone', own: 200, other: 200 },

  // ── administration: admins only, whatever agency they sit in
  { method: 'GET', route: '/admin/agencies/{agencyId}/policy', probe: () => ({ path: `/admin/agencies/${AGENCY}/policy` }), allowed: ADMIN, own: 200, other: 200 },
  {
    method: 'PUT',
    route: '/admin/agencies/{agencyId}/policy',
    probe: (c) => ({ path: `/admin/agencies/matrix-agency/policy`, body: { version: `matrix-${c.unique}`, legalReview: { fineThreshold: 5000 } } }),
    allowed: ADMIN,
    own: 200,
    other: 200,
  },
  { method: 'GET', route: '/admin/agencies/{agencyId}/policy/versions', probe: () => ({ path: `/admin/agencies/${AGENCY}/policy/versions` }), allowed: ADMIN, own: 200, other: 200 },
  { method: 'GET', route: '/admin/agencies/{agencyId}/benchmark', probe: () => ({ path: `/admin/agencies/${AGENCY}/benchmark` }), allowed: ADMIN, own: 200, other: 200 },
  {
    method: 'PUT',
    route: '/admin/agencies/{agencyId}/benchmark',
    // Refused for its content, after the gate: the role check is what this row is about.
    probe: () => ({ path: `/admin/agencies/matrix-agency/benchmark`, body: {} }),
    allowed: ADMIN,
    own: 400,
    other: 400,
  },
  { method: 'GET', route: '/admin/agencies/{agencyId}/benchmark/versions', probe: () => ({ path: `/admin/agencies/${AGENCY}/benchmark/versions` }), allowed: ADMIN, own: 200, other: 200 },
  { method: 'GET', route: '/admin/calendars', probe: () => ({ path: '/admin/calendars' }), allowed: ADMIN, own: 200, other: 200 },
  { method: 'PUT', route: '/admin/calendars/{year}', probe: () => ({ path: '/admin/calendars/1999', body: {} }), allowed: ADMIN, own: 400, other: 400 },
  { method: 'GET', route: '/admin/agencies', probe: () => ({ path: '/admin/agencies' }), allowed: ADMIN, own: 200, other: 200 },
  { method: 'GET', route: '/admin/agencies/{agencyId}', probe: () => ({ path: `/admin/agencies/${AGENCY}` }), allowed: ADMIN, own: 200, other: 200 },
  {
    method: 'PUT',
    route: '/admin/agencies/{agencyId}',
    probe: () => ({ path: '/admin/agencies/matrix-agency', body: { name: 'Matrix test agency', kind: 'enforcement', supervisedBy: null } }),
    allowed: ADMIN,
    own: 200,
    other: 200,
  },
  { method: 'GET', route: '/admin/users', probe: () => ({ path: `/admin/users?agency=${AGENCY}` }), allowed: ADMIN, own: 200, other: 200 },
  { method: 'GET', route: '/admin/users/{userId}', probe: () => ({ path: '/admin/users/handler-li' }), allowed: ADMIN, own: 200, other: 200 },
  // Creating answers 201; each cell creates a user or certificate of its own.
  {
    method: 'PUT',
    route: '/admin/users/{userId}',
    probe: (c) => ({ path: `/admin/users/matrix-${c.unique}`, body: { displayName: 'Matrix user', active: true } }),
    allowed: ADMIN,
    own: 201,
    other: 201,
  },
  {
    method: 'PUT',
    route: '/admin/users/{userId}/agencies/{agencyId}/roles',
    probe: () => ({ path: '/admin/users/matrix-user/agencies/matrix-agency/roles', body: { roles: ['reviewer'] } }),
    allowed: ADMIN,
    own: 200,
    other: 200,
  },
  {
    method: 'PUT',
    route: '/admin/users/{userId}/certificates/{certificateNumber}',
    probe: (c) => ({
      path: `/admin/users/matrix-user/certificates/MATRIX-${c.unique}`,
      body: { issuingAuthority: '上海市人民政府', issuedOn: '2024-01-01', expiresAt: '2099-12-31T00:00:00.000Z' },
    }),
    allowed: ADMIN,
    own: 201,
    other: 201,
  },
  {
    method: 'POST',
    route: '/admin/users/{userId}/certificates/{certificateNumber}/revocation',
    // A certificate nobody holds: the gate is passed, then the registry answers 404.
    probe: () => ({ path: '/admin/users/matrix-user/certificates/MATRIX-NONE/revocation', body: { reason: 'lost' } }),
    allowed: ADMIN,
    own: 404,
    other: 404,
  },
];

function expectedStatus(row: MatrixRow, role: Role, side: Side): number {
  const exception = row.exceptions?.[`${role}/${side}`];
  if (exception !== undefined) {
    return exception;
  }
  if (row.allowed !== 'everyone' && !row.allowed.includes(role)) {
    return 403;
  }
  return side === 'own' ? row.own : row.other;
}

async function call(apiUrl: string, actor: Actor | undefined, method: string, probe: Probe): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = actor === undefined ? {} : { authorization: `Bearer ${tokenFor(actor)}` };
  let body: string | FormData | undefined;
  if (probe.multipart !== undefined) {
    const form = new FormData();
    for (const [name, value] of Object.entries(probe.multipart.fields ?? {})) {
      form.append(name, value);
    }
    form.append('file', new Blob([probe.multipart.file.bytes], { type: probe.multipart.file.type }), probe.multipart.file.name);
    body = form;
  } else if (probe.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(probe.body);
  }
  const response = await fetch(`${apiUrl}${probe.path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  if (response.headers.get('content-type')?.includes('json') === true && text !== '') {
    parsed = JSON.parse(text) as Record<string, unknown>;
  }
  return { status: response.status, body: parsed };
}

describe('the authorization matrix: every endpoint × every role × own and other agency', () => {
  let docket: DocketStack;

  beforeAll(async () => {
    docket = await startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('matrix') });
    await registerAgencies(docket.apiUrl, [{ id: OTHER_SUPERVISION, name: '南京市司法局（执法监督）', kind: 'supervision' }, { id: 'matrix-agency' }]);
    await registerUsers(docket.apiUrl, [
      people.hearing_officer.other,
      people.auditor.other,
      { userId: 'matrix-user', role: 'reviewer', agencyId: 'matrix-agency' },
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
  });

  const as = (actor: Actor, method: string, probe: Probe) => call(docket.apiUrl, actor, method, probe);

  async function expectAnswer(what: string, answer: Promise<{ status: number; body: Record<string, unknown> }>, status: number): Promise<Record<string, unknown>> {
    const { status: got, body } = await answer;
    if (got !== status) {
      throw new Error(`setting up the matrix: ${what} answered ${got}: ${JSON.stringify(body)}`);
    }
    return body;
  }

  /** A clue of the own agency, once the projection shows it (the inbox reads the projection). */
  async function clue(): Promise<string> {
    const body = newCase();
    await expectAnswer('registering a case', as(actors.handlerLi, 'POST', { path: '/cases', body }), 201);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const inbox = await as(actors.headWang, 'GET', { path: `/inbox?limit=200` });
      if ((inbox.body['items'] as Array<{ caseId: string }> | undefined)?.some((item) => item.caseId === body.caseId) === true) {
        return body.caseId;
      }
      if (Date.now() > deadline) {
        throw new Error(`case ${body.caseId} never reached the projection`);
      }
      await delay(100);
    }
  }

  /** A case whose clue transfer reached the commission, waiting for its inspector to acknowledge receipt. */
  async function transferredClue(): Promise<string> {
    const caseId = await clue();
    const transfer = (step: string) => ({ path: `/cases/${caseId}/transfers/clue-transfer/actions/${step}` });
    await expectAnswer('starting a clue transfer', as(actors.handlerLi, 'POST', { path: `/cases/${caseId}/actions/start-clue-transfer`, body: clueProposal }), 200);
    await expectAnswer('approving the transfer', as(actors.headWang, 'POST', { ...transfer('approve-transfer'), body: clueSteps.approve }), 200);
    await expectAnswer('recording the transfer', as(actors.handlerLi, 'POST', { ...transfer('record-transfer'), body: clueSteps.transfer }), 200);
    return caseId;
  }

  async function attachment(caseId: string): Promise<string> {
    const body = await expectAnswer('uploading evidence', as(actors.handlerLi, 'POST', { path: `/cases/${caseId}/attachments`, multipart: evidence }), 201);
    return body['attachmentId'] as string;
  }

  it('answers each cell with exactly the status the table gives, and covers every documented endpoint', async () => {
    const document = (await (await fetch(`${docket.apiUrl}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tabled = MATRIX.map((row) => `${row.method} ${row.route}`);
    expect(documented.filter((route) => !tabled.includes(route))).toEqual([]);
    expect(tabled.filter((route) => !documented.includes(route))).toEqual([]);

    const sharedCase = await clue();
    const sharedTransferCase = await transferredClue();
    const sharedAttachment = await attachment(sharedCase);
    expect(transferActors.inspectorZhou.agencyId).toBe(COMMISSION);

    const mismatches: string[] = [];
    const rendered: string[] = [];
    let unique = 0;
    for (const row of MATRIX) {
      const cells: string[] = [];
      for (const role of ALL_ROLES) {
        for (const side of ['own', 'other'] as const) {
          const expected = expectedStatus(row, role, side);
          const changes = expected >= 200 && expected < 300 && row.fresh !== undefined;
          const caseId = changes && row.fresh === 'case' ? await clue() : sharedCase;
          const transferCaseId = changes && row.fresh === 'transfer' ? await transferredClue() : sharedTransferCase;
          unique += 1;
          const probe = row.probe({ caseId, transferCaseId, attachmentId: sharedAttachment, unique: `${Date.now()}-${unique}` });
          const answer = await as(people[role][side], row.method, probe);
          if (answer.status !== expected) {
            mismatches.push(`${row.method} ${row.route} as ${role}/${side}: expected ${expected}, got ${answer.status} ${typeof answer.body['code'] === 'string' ? answer.body['code'] : ''}`);
          }
          cells.push(String(expected));
        }
      }
      rendered.push(`| ${row.method} ${row.route} | ${cells.join(' | ')} |`);
    }

    // Routes open to everyone answer without a token too; every other route refuses it.
    for (const row of MATRIX) {
      const probe = row.probe({ caseId: sharedCase, transferCaseId: sharedTransferCase, attachmentId: sharedAttachment, unique: 'anonymous' });
      const answer = await call(docket.apiUrl, undefined, row.method, probe);
      const expected = row.allowed === 'everyone' ? row.own : 401;
      if (answer.status !== expected) {
        mismatches.push(`${row.method} ${row.route} without a token: expected ${expected}, got ${answer.status}`);
      }
    }

    const outFile = process.env['DOCKET_MATRIX_OUT'];
    if (outFile !== undefined && outFile !== '') {
      const header = `| endpoint | ${ALL_ROLES.flatMap((role) => [`${role} own`, `${role} other`]).join(' | ')} |`;
      const rule = `| --- | ${ALL_ROLES.flatMap(() => ['---', '---']).join(' | ')} |`;
      writeFileSync(outFile, [header, rule, ...rendered].join('\n') + '\n');
    }
    expect(mismatches).toEqual([]);
  });
});
