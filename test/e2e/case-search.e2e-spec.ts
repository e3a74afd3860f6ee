import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { AGENCY, OTHER_AGENCY, actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser, type HttpResult } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

interface Summary {
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly agencyId: string;
  readonly stage: string;
  readonly violationCode: string | null;
  readonly party: { type: string; name: string };
  readonly registeredAt: string;
  readonly filedAt: string | null;
  readonly decidedAt: string | null;
  readonly overdue: boolean;
  readonly handlers: string[];
  readonly reviewer: string | null;
}

interface Page {
  readonly items: Summary[];
  readonly nextCursor: string | null;
  /** Problem details, when refused. */
  readonly status?: number;
  readonly code?: string;
  readonly field?: string;
}

type User = ReturnType<typeof asUser>;

/**
 * GET /cases over HTTP against the real API, worker, Temporal and Postgres. Every case here carries
 * a violation code of this run's own, so cases other test files register never enter the results.
 */
describe('case search (GET /cases)', () => {
  const code = `SRCH-${randomBytes(4).toString('hex')}`;
  let docket: DocketStack;
  let handler: User;
  let handlerChen: User;
  let reviewer: User;
  let head: User;
  let auditor: User;
  let otherHandler: User;
  let otherHead: User;
  /** This run's cases of AGENCY, by name, in the order they were registered. */
  const cases = new Map<string, string>();
  let otherAgencyCase: string;

  const register = async (user: User, name: string, party: { type: string; name: string }): Promise<string> => {
    const response = await user.post('/cases', { caseId: randomUUID(), source: 'inspection', summary: `Search fixture ${name}`, violationCode: code, party });
    expect(response.status).toBe(201);
    return response.body['caseId'] as string;
  };

  const act = async (user: User, caseId: string, path: string, body: object): Promise<Record<string, unknown>> => {
    const response = await user.post(`/cases/${caseId}/${path}`, body);
    expect({ path, status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ path, status: 200, body: 'ok' });
    return response.body;
  };

  const search = (user: User, query: Record<string, string | number>): Promise<HttpResult<Page>> =>
    user.get<Page>(`/cases?${new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString()}`);

  /** The projection trails the workflow by an activity: ask again until it shows what the steps did. */
  const settled = async (user: User, query: Record<string, string | number>, done: (page: Page) => boolean): Promise<Page> => {
    for (let attempt = 0; ; attempt += 1) {
      const response = await search(user, query);
      expect(response.status).toBe(200);
      if (done(response.body) || attempt >= 200) {
        return response.body;
      }
      await delay(100);
    }
  };

  const ids = (page: Page): string[] => page.items.map((item) => item.caseId);
  const named = (...names: string[]): string[] => names.map((name) => cases.get(name) ?? name);

  /** Every case of this run, page by page through nextCursor. */
  const walk = async (user: User, query: Record<string, string | number>, between?: () => Promise<void>): Promise<string[]> => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response: HttpResult<Page> = await search(user, { ...query, violationCode: code, limit: 2, ...(cursor === null ? {} : { cursor }) });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(response.body));
      cursor = response.body.nextCursor;
      await between?.();
    } while (cursor !== null);
    return seen;
  };

  beforeAll(async () => {
    docket = await startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-search') });
    handler = asUser(docket.apiUrl, actors.handlerLi);
    handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    head = asUser(docket.apiUrl, actors.headWang);
    auditor = asUser(docket.apiUrl, actors.auditorQian);
    otherHandler = asUser(docket.apiUrl, actors.otherAgencyHandler);
    otherHead = asUser(docket.apiUrl, actors.otherAgencyHead);

    // Registered one after another, so registration order is the order of registeredAt.
    for (const [name, party] of [
      ['decided', { type: 'organization', name: '上海澄泓食品有限公司' }],
      ['investigating', { type: 'individual', name: '张澄泓' }],
      ['filed', { type: 'organization', name: 'Acme Trading Co.' }],
      ['clue1', { type: 'organization', name: '杭州明德餐饮有限公司' }],
      ['clue2', { type: 'individual', name: '李某某' }],
      ['clue3', { type: 'organization', name: '南京100%纯净水有限公司' }],
      ['numbered', { type: 'organization', name: '自编号有限公司' }],
    ] as const) {
      cases.set(name, await register(handler, name, party));
    }
    otherAgencyCase = await register(otherHandler, 'other', { type: 'organization', name: '闵行澄泓食品有限公司' });

    const decided = named('decided')[0];
    await act(head, decided, 'filing/approve', thinPath.approveFiling);
    await act(head, decided, 'handlers', thinPath.assignHandlers);
    await act(handler, decided, 'investigation-report', thinPath.report);
    await act(reviewer, decided, 'legal-review', thinPath.approveReview);
    await act(handlerChen, decided, 'notice/close', thinPath.closeNotice);
    await act(head, decided, 'decision', thinPath.decide);
    const investigating = named('investigating')[0];
    await act(head, investigating, 'filing/approve', thinPath.approveFiling);
    await act(head, investigating, 'handlers', thinPath.assignHandlers);
    await act(head, named('filed')[0], 'filing/approve', thinPath.approveFiling);

    await settled(head, { violationCode: code, stage: 'decided,investigation,filed', limit: 100 }, (page) => page.items.length === 3);
    await settled(head, { violationCode: code, limit: 100 }, (page) => page.items.length === cases.size);
  });

  afterAll(async () => {
    await docket?.stop();
  });

  it('numbers a case when filing is approved (案号), shows it on the case and allocates it in order', async () => {
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
    const numbers = await Promise.all(
      named('decided', 'investigating', 'filed').map(async (caseId) => (await head.get(`/cases/${caseId}`)).body['caseNumber'] as string),
    );
    for (const number of numbers) {
      expect(number).toMatch(new RegExp(`^${AGENCY}-${year}-\\d{6}$`));
    }
    const sequence = numbers.map((number) => Number(number.slice(-6)));
    expect(sequence[1]).toBeGreaterThan(sequence[0]);
    expect(sequence[2]).toBeGreaterThan(sequence[1]);
    expect((await head.get(`/cases/${named('clue1')[0]}`)).body['caseNumber']).toBeUndefined();

    const page = await search(head, { violationCode: code, q: numbers[0] });
    expect(page.body.items.map((item) => [item.caseId, item.caseNumber])).toEqual([[named('decided')[0], numbers[0]]]);
  });

  it('refuses a case number chosen by the client, on the dedicated route and the generic one', async () => {
    const caseId = named('numbered')[0];
    const dedicated = await head.post(`/cases/${caseId}/filing/approve`, { ...thinPath.approveFiling, caseNumber: `${AGENCY}-2026-999999` });
    expect(dedicated.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'caseNumber' });
    const generic = await head.post(`/cases/${caseId}/actions/approve-filing`, { ...thinPath.approveFiling, caseNumber: `${AGENCY}-2026-999999` });
    expect(generic.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'caseNumber' });
    expect((await head.get(`/cases/${caseId}`)).body).toMatchObject({ stage: 'clue' });
  });

  it('summarises each case with its number, party, dates, handlers and reviewer', async () => {
    const page = await search(reviewer, { violationCode: code, stage: 'decided' });
    expect(page.status).toBe(200);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items).toEqual([
      {
        caseId: named('decided')[0],
        caseNumber: expect.stringMatching(new RegExp(`^${AGENCY}-`)) as unknown,
        agencyId: AGENCY,
        stage: 'decided',
        violationCode: code,
        party: { type: 'organization', name: '上海澄泓食品有限公司' },
        registeredAt: expect.any(String) as unknown,
        filedAt: expect.any(String) as unknown,
        decidedAt: expect.any(String) as unknown,
        overdue: false,
        // Assigned by the same event: in the order of their ids.
        handlers: ['handler-chen', 'handler-li'],
        reviewer: 'reviewer-zhao',
      },
    ]);
  });

  it('filters by stage, a comma list of stages, handler, reviewer and overdue', async () => {
    const idsOf = async (query: Record<string, string>): Promise<string[]> => ids((await search(head, { violationCode: code, sort: 'registeredAt', ...query })).body);
    expect(await idsOf({ stage: 'clue' })).toEqual(named('clue1', 'clue2', 'clue3', 'numbered'));
    expect(await idsOf({ stage: 'investigation,decided' })).toEqual(named('decided', 'investigating'));
    expect(await idsOf({ handler: 'handler-chen' })).toEqual(named('decided', 'investigating'));
    expect(await idsOf({ handler: 'handler-nobody' })).toEqual([]);
    expect(await idsOf({ reviewer: 'reviewer-zhao' })).toEqual(named('decided'));
    expect(await idsOf({ overdue: 'true' })).toEqual([]);
    expect(await idsOf({ overdue: 'false' })).toEqual(named('decided', 'investigating', 'filed', 'clue1', 'clue2', 'clue3', 'numbered'));
  });

  it('filters by registration and decision dates, from inclusive and to exclusive', async () => {
    const all = (await search(head, { violationCode: code, sort: 'registeredAt', limit: 100 })).body.items;
    const at = (name: string): string => all.find((item) => item.caseId === cases.get(name))?.registeredAt as string;
    const idsOf = async (query: Record<string, string>): Promise<string[]> => ids((await search(head, { violationCode: code, sort: 'registeredAt', ...query })).body);
    expect(await idsOf({ registeredFrom: at('filed'), registeredTo: at('clue2') })).toEqual(named('filed', 'clue1'));

    const decidedAt = all.find((item) => item.caseId === cases.get('decided'))?.decidedAt as string;
    expect(await idsOf({ decidedFrom: decidedAt })).toEqual(named('decided'));
    expect(await idsOf({ decidedTo: decidedAt })).toEqual([]);
    const chinaToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(decidedAt));
    expect(await idsOf({ decidedFrom: chinaToday })).toEqual(named('decided'));
  });

  it('finds free text in party names (Chinese and Latin, any case) and case numbers', async () => {
    const idsOf = async (q: string): Promise<string[]> => ids((await search(head, { violationCode: code, sort: 'registeredAt', q })).body);
    expect(await idsOf('澄泓')).toEqual(named('decided', 'investigating'));
    expect(await idsOf('明德餐饮')).toEqual(named('clue1'));
    expect(await idsOf('acme')).toEqual(named('filed'));
    expect(await idsOf('100%纯')).toEqual(named('clue3'));
    expect(await idsOf('%')).toEqual(named('clue3'));
    expect(await idsOf('某')).toEqual(named('clue2'));
    expect(await idsOf(`${AGENCY}-`)).toEqual(named('decided', 'investigating', 'filed'));
  });

  it('walks every page of each sort without duplicates or misses, cases without the key last', async () => {
    const everything = named('decided', 'investigating', 'filed', 'clue1', 'clue2', 'clue3', 'numbered');
    expect(await walk(head, { sort: 'registeredAt' })).toEqual(everything);
    expect(await walk(head, {})).toEqual([...everything].reverse());
    const numbered = named('decided', 'investigating', 'filed');
    const unnumbered = named('clue1', 'clue2', 'clue3', 'numbered');
    const byCaseNumber = await walk(head, { sort: 'caseNumber' });
    expect(byCaseNumber.slice(0, 3)).toEqual(numbered);
    expect(new Set(byCaseNumber.slice(3))).toEqual(new Set(unnumbered));
    const byCaseNumberDesc = await walk(head, { sort: '-caseNumber' });
    expect(byCaseNumberDesc.slice(0, 3)).toEqual([...numbered].reverse());
    expect(new Set(byCaseNumberDesc.slice(3))).toEqual(new Set(unnumbered));
    for (const sort of ['decidedAt', '-decidedAt']) {
      const walked = await walk(head, { sort });
      expect(walked[0]).toBe(cases.get('decided'));
      expect(new Set(walked)).toEqual(new Set(everything));
      expect(walked).toHaveLength(everything.length);
    }
  });

  it('keeps a walk stable while new cases are registered', async () => {
    const before = named('decided', 'investigating', 'filed', 'clue1', 'clue2', 'clue3', 'numbered').reverse();
    const added: string[] = [];
    const walked = await walk(head, {}, async () => {
      if (added.length < 2) {
        added.push(await register(handler, `late${added.length}`, { type: 'individual', name: '王某' }));
      }
    });
    // Newest first: what is registered during the walk sorts before the cursor and is not met again.
    expect(walked).toEqual(before);
    const fresh = await settled(head, { violationCode: code, limit: 2 }, (page) => added.every((caseId) => ids(page).includes(caseId)));
    expect(ids(fresh)).toEqual([...added].reverse());
  });

  it('shows staff only their own agency; auditors the agencies they supervise', async () => {
    const own = ids((await search(handler, { violationCode: code, limit: 100 })).body);
    expect(own).not.toContain(otherAgencyCase);
    expect((await search(handler, { violationCode: code, limit: 100 })).body.items.every((item) => item.agencyId === AGENCY)).toBe(true);
    expect(ids((await search(otherHead, { violationCode: code, limit: 100 })).body)).toEqual([otherAgencyCase]);

    const supervised = ids((await search(auditor, { violationCode: code, limit: 100 })).body);
    expect(supervised).toContain(otherAgencyCase);
    expect(supervised).toContain(cases.get('decided'));
    expect(ids((await search(auditor, { violationCode: code, agency: OTHER_AGENCY })).body)).toEqual([otherAgencyCase]);

    const foreign = await search(otherHead, { agency: AGENCY });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'AGENCY_MISMATCH', field: 'agency' });
  });

  it('is closed to administrators and inspectors', async () => {
    expect((await search(asUser(docket.apiUrl, actors.adminZhou), {})).status).toBe(403);
  });

  it('refuses bad parameters with 400 naming the field, and a cursor of another sort', async () => {
    const cases400: Array<[Record<string, string>, string]> = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ stage: 'investigation,bogus' }, 'stage'],
      [{ sort: 'party' }, 'sort'],
      [{ overdue: 'yes' }, 'overdue'],
      [{ registeredFrom: '2026-13-01' }, 'registeredFrom'],
      [{ registeredFrom: '2026-02-30' }, 'registeredFrom'],
      [{ registeredTo: '2026-03-01T10:00:00' }, 'registeredTo'],
      [{ registeredFrom: '2026-03-01', registeredTo: '2026-02-01' }, 'registeredTo'],
      [{ decidedFrom: 'yesterday' }, 'decidedFrom'],
      [{ q: '' }, 'q'],
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [query, field] of cases400) {
      const response = await search(head, query);
      expect({ query, status: response.status, code: response.body.code, field: response.body.field }).toEqual({
        query,
        status: 400,
        code: 'INVALID_INPUT',
        field,
      });
    }
    const first = await search(head, { violationCode: code, limit: 1 });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const otherSort = await search(head, { violationCode: code, limit: 1, sort: 'caseNumber', cursor });
    expect(otherSort.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'cursor' });
  });
});
