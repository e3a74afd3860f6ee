import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

interface InboxItem {
  caseId: string;
  action: string;
  role: string;
  stage: string;
  caseNumber: string | null;
  partyName: string;
  dueAt: string | null;
  deadlineKind: string | null;
  overdue: boolean;
  claimedBy: string | null;
  assignedBy: string | null;
}
interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

type User = ReturnType<typeof asUser>;

/** The inbox is read from the projection the worker writes after each step: wait until it shows what the test expects. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}; last seen: ${JSON.stringify(value)}`);
    }
    await delay(100);
  }
}

/** Every item of a user's inbox, page by page. */
async function wholeInbox(user: User, limit = 50): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? `?limit=${limit}` : `?limit=${limit}&cursor=${cursor}`;
    const page = await user.get<InboxPage>(`/inbox${query}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return items;
}

const itemsOf = (items: InboxItem[], caseId: string) => items.filter((item) => item.caseId === caseId).map((item) => item.action);

describe('the inbox (待办): what waits for whom, claiming and assigning', () => {
  let docket: DocketStack;
  let handlerLi: User;
  let handlerChen: User;
  let reviewer: User;
  let head: User;
  let otherHead: User;
  let auditor: User;

  beforeAll(async () => {
    docket = await startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('inbox') });
    handlerLi = asUser(docket.apiUrl, actors.handlerLi);
    handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    head = asUser(docket.apiUrl, actors.headWang);
    otherHead = asUser(docket.apiUrl, actors.otherAgencyHead);
    auditor = asUser(docket.apiUrl, actors.auditorQian);
  });

  afterAll(async () => {
    await docket?.stop();
  });

  async function registerCase(): Promise<string> {
    const caseId = randomUUID();
    const response = await handlerLi.post('/cases', {
      caseId,
      source: 'complaint',
      summary: 'Complaint: expired food on sale',
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(response.status).toBe(201);
    return caseId;
  }

  async function step(user: User, caseId: string, path: string, body: object): Promise<void> {
    const response = await user.post(`/cases/${caseId}/${path}`, body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status: 200 });
  }

  it('shows each step to the people it waits for, with its clock, most urgent first', async () => {
    const first = await registerCase();
    const second = await registerCase();

    // Each registration reaches the projection by its own activity, in whichever order they finish.
    const headInbox = await eventually(
      () => wholeInbox(head, 1),
      (items) => itemsOf(items, first).length > 0 && itemsOf(items, second).length > 0,
      'the head never saw the new clues',
    );
    const filing = headInbox.find((item) => item.caseId === first);
    expect(filing).toMatchObject({ action: 'approve-filing', role: 'head', stage: 'clue', deadlineKind: 'filing_decision', overdue: false, claimedBy: null });
    // No 案号 before filing is approved; the party is named so the list reads without opening each case.
    expect(filing).toMatchObject({ caseNumber: null, partyName: '上海某某食品有限公司' });
    expect(Date.parse(filing?.dueAt ?? '')).toBeGreaterThan(Date.now());
    // Walked one item a page: every item once, in due order.
    expect(new Set(headInbox.map((item) => `${item.caseId}/${item.action}`)).size).toBe(headInbox.length);
    const dueTimes = headInbox.map((item) => (item.dueAt === null ? Infinity : Date.parse(item.dueAt)));
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b));

    // Clues wait for a head, not for the handler who registered them, nor for another agency.
    expect(itemsOf(await wholeInbox(handlerLi), first)).toEqual([]);
    expect(itemsOf(await wholeInbox(otherHead), first)).toEqual([]);

    await step(head, first, 'filing/approve', thinPath.approveFiling);
    await step(head, first, 'handlers', thinPath.assignHandlers);
    const investigation = await eventually(
      () => wholeInbox(handlerChen),
      (items) => itemsOf(items, first).includes('submit-investigation-report'),
      'the assigned handler never saw the investigation',
    );
    const filed = await handlerChen.get<{ caseNumber?: string }>(`/cases/${first}`);
    expect(filed.body.caseNumber).toEqual(expect.any(String));
    expect(investigation.find((item) => item.caseId === first)).toMatchObject({
      role: 'handler',
      stage: 'investigation',
      deadlineKind: 'decision',
      caseNumber: filed.body.caseNumber,
      partyName: '上海某某食品有限公司',
    });
    expect(itemsOf(await wholeInbox(head), first)).toEqual([]);
    expect(itemsOf(await wholeInbox(reviewer), first)).toEqual([]);
  });

  it('a claimed step leaves colleagues’ inboxes and only its holder can take it', async () => {
    const caseId = await registerCase();
    await step(head, caseId, 'filing/approve', thinPath.approveFiling);
    await step(head, caseId, 'handlers', thinPath.assignHandlers);
    await eventually(() => wholeInbox(handlerLi), (items) => itemsOf(items, caseId).length > 0, 'the investigation never reached the inbox');

    const claimed = await handlerLi.post<InboxItem>(`/inbox/${caseId}/submit-investigation-report/claim`, {});
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ caseId, action: 'submit-investigation-report', claimedBy: 'handler-li', assignedBy: null });
    // Claiming again what one holds changes nothing.
    expect((await handlerLi.post(`/inbox/${caseId}/submit-investigation-report/claim`, {})).status).toBe(200);

    expect(itemsOf(await wholeInbox(handlerChen), caseId)).toEqual([]);
    const taken = await handlerChen.post(`/inbox/${caseId}/submit-investigation-report/claim`, {});
    expect(taken.status).toBe(409);
    expect(taken.body['code']).toBe('WORK_CLAIMED_BY_OTHER');
    const refused = await handlerChen.post(`/cases/${caseId}/investigation-report`, thinPath.report);
    expect(refused.status).toBe(409);
    expect(refused.body['code']).toBe('WORK_CLAIMED_BY_OTHER');
    expect((await handlerChen.get<{ stage: string }>(`/cases/${caseId}`)).body.stage).toBe('investigation');

    await step(handlerLi, caseId, 'investigation-report', thinPath.report);
    // The step is done: nothing left to claim.
    await eventually(() => wholeInbox(handlerLi), (items) => itemsOf(items, caseId).length === 0, 'the done step stayed in the inbox');
    const late = await handlerLi.post(`/inbox/${caseId}/submit-investigation-report/claim`, {});
    expect(late.status).toBe(409);
    expect(late.body['code']).toBe('WORK_NOT_PENDING');
  });

  it('a head assigns a review to a reviewer, never to a handler of the case; a release puts it back in the pool', async () => {
    const caseId = await registerCase();
    await step(head, caseId, 'filing/approve', thinPath.approveFiling);
    await step(head, caseId, 'handlers', thinPath.assignHandlers);
    await step(handlerLi, caseId, 'investigation-report', thinPath.report);
    const waiting = await eventually(
      () => wholeInbox(reviewer),
      (items) => itemsOf(items, caseId).includes('decide-legal-review'),
      'the review never reached the reviewer',
    );
    expect(waiting.find((item) => item.caseId === caseId)).toMatchObject({ role: 'reviewer', deadlineKind: 'legal_review', claimedBy: null });

    const toHandler = await head.post(`/inbox/${caseId}/decide-legal-review/assignment`, { userId: actors.handlerLi.userId });
    expect(toHandler.status).toBe(422);
    expect(toHandler.body).toMatchObject({ code: 'ASSIGNEE_NOT_ELIGIBLE', field: 'userId' });
    const badBody = await head.post(`/inbox/${caseId}/decide-legal-review/assignment`, {});
    expect(badBody.status).toBe(400);
    expect(badBody.body['field']).toBe('userId');

    const assigned = await head.post<InboxItem>(`/inbox/${caseId}/decide-legal-review/assignment`, { userId: actors.reviewerZhao.userId });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ claimedBy: 'reviewer-zhao', assignedBy: 'head-wang' });
    expect((await wholeInbox(reviewer)).find((item) => item.caseId === caseId)).toMatchObject({ claimedBy: 'reviewer-zhao', assignedBy: 'head-wang' });

    const released = await reviewer.post<InboxItem>(`/inbox/${caseId}/decide-legal-review/release`, {});
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ claimedBy: null });
    await step(reviewer, caseId, 'legal-review', thinPath.approveReview);
    await eventually(
      () => wholeInbox(handlerChen),
      (items) => itemsOf(items, caseId).includes('close-notice'),
      'the notice never reached the handlers',
    );
  });

  it('answers what is not the caller’s with the code that says why, and changes nothing', async () => {
    const caseId = await registerCase();
    await eventually(() => wholeInbox(head), (items) => itemsOf(items, caseId).length > 0, 'the clue never reached the head');

    const otherAgency = await otherHead.post(`/inbox/${caseId}/approve-filing/claim`, {});
    expect(otherAgency.status).toBe(404);
    const notForHandler = await handlerLi.post(`/inbox/${caseId}/approve-filing/claim`, {});
    expect(notForHandler.status).toBe(403);
    expect(notForHandler.body['code']).toBe('WORK_NOT_FOR_CALLER');
    const unknownStep = await head.post(`/inbox/${caseId}/approve-everything/claim`, {});
    expect(unknownStep.status).toBe(400);
    expect(unknownStep.body['field']).toBe('action');
    const notPending = await head.post(`/inbox/${caseId}/decide-case/claim`, {});
    expect(notPending.status).toBe(409);
    expect(notPending.body['code']).toBe('WORK_NOT_PENDING');
    const badCursor = await head.get('/inbox?cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body['field']).toBe('cursor');
    const badLimit = await head.get('/inbox?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body['field']).toBe('limit');

    expect((await wholeInbox(head)).find((item) => item.caseId === caseId)).toMatchObject({ claimedBy: null });
    // Supervision staff follow overdue work only: a clue whose clock runs is not theirs.
    expect(itemsOf(await wholeInbox(auditor), caseId)).toEqual([]);
  });
});
