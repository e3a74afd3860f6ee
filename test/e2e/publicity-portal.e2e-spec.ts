import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Actor } from '@docket/domain';
import { thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { registerUsers } from '../support/identity-registry';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/** An agency of this suite alone, so that decisions other suites publish stay out of its listing. */
const AGENCY = `publicity-e2e-${randomUUID().slice(0, 8)}`;
const person = { type: 'individual', name: '张三', idNumber: '110101199003074518' } as const;
const company = { type: 'organization', name: '上海某某食品有限公司', idNumber: '91310000MA1FL4XXXX' } as const;

interface PublicPage {
  readonly items: Array<Record<string, unknown> & { caseNumber: string; withdrawn?: { at: string; reason: string } }>;
  readonly nextCursor: string | null;
}

/**
 * The publicity portal (行政执法公示) at the real API process: decisions published over HTTP are
 * listed to anyone without a token, with the personal data of individuals redacted.
 */
describe('the public listing of published decisions', () => {
  let docket: DocketStack;
  const people = {
    handlerLi: { userId: 'handler-li', role: 'handler', agencyId: AGENCY },
    handlerChen: { userId: 'handler-chen', role: 'handler', agencyId: AGENCY },
    reviewerZhao: { userId: 'reviewer-zhao', role: 'reviewer', agencyId: AGENCY },
    headWang: { userId: 'head-wang', role: 'head', agencyId: AGENCY },
  } as const satisfies Record<string, Actor>;

  beforeAll(async () => {
    docket = await startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-publicity') });
    // The suite's agency is its own, so its people are registered there too.
    await registerUsers(docket.apiUrl, Object.values(people));
  });

  afterAll(async () => {
    await docket?.stop();
  });

  /** An anonymous GET: no authorization header at all. The raw text is kept for leak checks. */
  async function anonymous(path: string): Promise<{ status: number; text: string; body: Record<string, unknown> }> {
    const response = await fetch(`${docket.apiUrl}${path}`);
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
  }

  async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value)) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(`${what} did not happen in time; last seen: ${JSON.stringify(value)}`);
      }
      await delay(100);
    }
  }

  /** Registers a case and takes it to a published penalty, step by step as its people do. */
  async function publishedCase(party: typeof person | typeof company, findings: string): Promise<{ caseId: string; caseNumber: string }> {
    const handler = asUser(docket.apiUrl, people.handlerLi);
    const registered = await handler.post('/cases', {
      caseId: randomUUID(),
      source: 'complaint',
      summary: 'Complaint: expired food on sale',
      violationCode: 'FSL-124-1-3',
      party,
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;
    const head = asUser(docket.apiUrl, people.headWang);
    const steps: Array<[ReturnType<typeof asUser>, string, object, string]> = [
      [head, 'filing/approve', thinPath.approveFiling, 'filed'],
      [head, 'handlers', thinPath.assignHandlers, 'investigation'],
      [handler, 'investigation-report', { ...thinPath.report, findings }, 'legal_review'],
      [asUser(docket.apiUrl, people.reviewerZhao), 'legal-review', thinPath.approveReview, 'notice'],
      [asUser(docket.apiUrl, people.handlerChen), 'notice/close', thinPath.closeNotice, 'notice'],
      [head, 'decision', { ...thinPath.decide, reasoning: `FSL Art. 124(1)(3); ${party.name} sold expired food`, publish: true }, 'decided'],
      [handler, 'actions/record-service', thinPath.serve, 'publicity'],
      [handler, 'actions/publish-decision', {}, 'execution'],
    ];
    let caseNumber: unknown;
    for (const [user, path, body, stage] of steps) {
      const response = await user.post(`/cases/${caseId}/${path}`, body);
      expect({ path, status: response.status, code: response.body['code'], stage: response.body['stage'] }).toEqual({ path, status: 200, code: undefined, stage });
      caseNumber = response.body['caseNumber'];
    }
    // The portal shows the case number (案号) the case got on filing, not its internal id.
    expect(caseNumber).toMatch(new RegExp(`^${AGENCY}-\\d{4}-\\d{6}$`));
    return { caseId, caseNumber: caseNumber as string };
  }

  it('lists both decisions to anyone, redacts the individual, pages by cursor and shows a withdrawal', async () => {
    const { caseId: personCaseId, caseNumber: personCase } = await publishedCase(person, `${person.name} (ID ${person.idNumber}) sold twelve packs past their use-by date`);
    const { caseNumber: companyCase } = await publishedCase(company, `${company.name} sold twelve packs past their use-by date`);
    const listing = `/public/decisions?agencyId=${encodeURIComponent(AGENCY)}`;

    // The projection trails the workflow by an activity.
    const all = await until('both decisions listed', () => anonymous(listing), (page) => (page.body as unknown as PublicPage).items?.length === 2);
    expect(all.status).toBe(200);
    const page = all.body as unknown as PublicPage;
    expect(page.nextCursor).toBeNull();
    // Published later, listed first.
    expect(page.items.map((item) => item.caseNumber)).toEqual([companyCase, personCase]);
    expect(page.items[1]).toMatchObject({
      agencyId: AGENCY,
      caseNumber: personCase,
      party: { type: 'individual', name: '张某' },
      facts: `张某 (ID ${'*'.repeat(18)}) sold twelve packs past their use-by date`,
      legalBasis: 'FSL Art. 124(1)(3); 张某 sold expired food',
      outcome: 'penalty',
      fine: 50_000,
    });
    expect(page.items[0]).toMatchObject({ party: { type: 'organization', name: company.name }, facts: `${company.name} sold twelve packs past their use-by date` });
    expect(all.text).not.toContain(person.name);
    expect(all.text).not.toContain(person.idNumber);
    expect(all.text).not.toContain(company.idNumber);
    expect(all.text).toContain(company.name);

    // One at a time, by cursor.
    const first = await anonymous(`${listing}&limit=1`);
    const firstPage = first.body as unknown as PublicPage;
    expect(firstPage.items.map((item) => item.caseNumber)).toEqual([companyCase]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const second = await anonymous(`${listing}&limit=1&cursor=${encodeURIComponent(firstPage.nextCursor ?? '')}`);
    const secondPage = second.body as unknown as PublicPage;
    expect(secondPage.items.map((item) => item.caseNumber)).toEqual([personCase]);
    expect(second.text).not.toContain(person.name);
    expect(second.text).not.toContain(person.idNumber);
    const third = await anonymous(`${listing}&limit=1&cursor=${encodeURIComponent(secondPage.nextCursor ?? '')}`);
    expect(secondPage.nextCursor === null || (third.body as unknown as PublicPage).items.length === 0).toBe(true);

    // The decision is revoked on reconsideration, and its publication withdrawn with reasons (APL 48).
    const head = asUser(docket.apiUrl, people.headWang);
    const changed = await head.post(`/cases/${personCaseId}/actions/record-decision-change`, { kind: 'revoked', reason: 'Revoked on reconsideration' });
    expect({ status: changed.status, code: changed.body['code'] }).toEqual({ status: 200, code: undefined });
    const withdrawn = await head.post(`/cases/${personCaseId}/actions/withdraw-publicity`, { reason: `Decision revoked; ${person.name} is cleared` });
    expect({ status: withdrawn.status, code: withdrawn.body['code'] }).toEqual({ status: 200, code: undefined });
    const afterWithdrawal = await until(
      'the withdrawal listed',
      () => anonymous(listing),
      (result) => (result.body as unknown as PublicPage).items?.some((item) => item.withdrawn !== undefined) === true,
    );
    const items = (afterWithdrawal.body as unknown as PublicPage).items;
    expect(items.find((item) => item.caseNumber === personCase)?.withdrawn).toEqual({ at: expect.any(String) as unknown, reason: 'Decision revoked; 张某 is cleared' });
    expect(items.find((item) => item.caseNumber === companyCase)?.withdrawn).toBeUndefined();
    expect(afterWithdrawal.text).not.toContain(person.name);
    expect(afterWithdrawal.text).not.toContain(person.idNumber);
  });

  it('needs no token, and refuses a bad limit or cursor naming the field', async () => {
    const open = await anonymous('/public/decisions');
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ items: expect.any(Array) as unknown });
    for (const limit of ['0', '101', 'ten', '2.5']) {
      const refused = await anonymous(`/public/decisions?limit=${limit}`);
      expect({ limit, status: refused.status, code: refused.body['code'], field: refused.body['field'] }).toEqual({ limit, status: 400, code: 'INVALID_INPUT', field: 'limit' });
    }
    const badCursor = await anonymous('/public/decisions?cursor=not-a-cursor');
    expect(badCursor.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'cursor' });
  });
});
