import { randomUUID } from 'node:crypto';
import { freePort } from '@docket/dev-infra';
import type { Actor } from '@docket/domain';
import type { Browser } from 'playwright-core';
import { launchChromium, openConsolePage, screenshot, signInLocally } from '../support/browser';
import { actors, thinPath } from '../support/case-fixtures';
import { startDocket, startDocketProcess, type DocketProcess, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-provider';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/**
 * The console in a real headless Chromium, served by the real API process (local sign-in on, as
 * `npm start` runs it): signing in, the language switch, the public publicity page, and OIDC sign-in
 * against a small real provider.
 */
describe('the web console in a browser', () => {
  let docket: DocketStack;
  let browser: Browser;

  beforeAll(async () => {
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('browser-console'),
      env: { AUTH_LOCAL_SIGNIN: 'enabled' },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await docket?.stop();
  });

  it('lands each role on its own screen after signing in, with no script error or blocked resource', async () => {
    const landings: Array<[Actor, string]> = [
      [actors.handlerLi, '/app/inbox'],
      [actors.reviewerZhao, '/app/inbox'],
      [actors.headWang, '/app/inbox'],
      [actors.hearingOfficerZhou, '/app/inbox'],
      [actors.auditorQian, '/app/audit'],
      [actors.adminZhou, '/app/public'],
    ];
    for (const [actor, landing] of landings) {
      const tab = await openConsolePage(browser);
      try {
        await tab.page.goto(`${docket.apiUrl}/`);
        // A visitor without a session lands on the public page, from which staff sign in.
        await tab.page.waitForURL(`${docket.apiUrl}/app/public`);
        if (actor === actors.handlerLi) {
          await tab.page.getByRole('link', { name: '工作人员登录' }).click();
          await tab.page.getByRole('heading', { name: '本地账号（仅限开发与测试）' }).waitFor();
          await screenshot(tab.page, 'sign-in');
        }
        await signInLocally(tab.page, docket.apiUrl, actor);
        await tab.page.waitForURL(`${docket.apiUrl}${landing}`);
        await tab.page.getByTestId('signed-in-user').filter({ hasText: `${actor.userId} · ${actor.agencyId}` }).waitFor();
        expect(tab.problems()).toEqual([]);
      } finally {
        await tab.close();
      }
    }
  });

  it('returns to the page asked for before signing in', async () => {
    const tab = await openConsolePage(browser);
    try {
      await tab.page.goto(`${docket.apiUrl}/app/cases`);
      await tab.page.waitForURL(`${docket.apiUrl}/app/sign-in`);
      const agency = tab.page.locator('section.sign-in__agency', { has: tab.page.locator(`h3[id="agency-${actors.headWang.agencyId}"]`) });
      await agency.locator(`button[data-user="${actors.headWang.userId}"]`).click();
      await tab.page.waitForURL(`${docket.apiUrl}/app/cases`);
    } finally {
      await tab.close();
    }
  });

  it('switches the language of the page between Chinese and English', async () => {
    const tab = await openConsolePage(browser);
    try {
      await tab.page.goto(`${docket.apiUrl}/app/public`);
      await tab.page.getByRole('heading', { level: 1, name: '行政执法决定公示' }).waitFor();
      await tab.page.getByRole('button', { name: 'English' }).click();
      await tab.page.getByRole('heading', { level: 1, name: 'Published enforcement decisions' }).waitFor();
      expect(await tab.page.locator('html').getAttribute('lang')).toBe('en');
      // The choice is kept for the next visit.
      await tab.page.reload();
      await tab.page.getByRole('heading', { level: 1, name: 'Published enforcement decisions' }).waitFor();
      await tab.page.getByRole('button', { name: '中文' }).click();
      await tab.page.getByRole('heading', { level: 1, name: '行政执法决定公示' }).waitFor();
      expect(tab.problems()).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  it('lists a published decision on the public page to a visitor who is not signed in, in both languages', async () => {
    const caseNumber = await publishedDecision(docket.apiUrl);
    const tab = await openConsolePage(browser);
    try {
      await tab.page.goto(`${docket.apiUrl}/app/public?agency=${actors.headWang.agencyId}`);
      const entry = tab.page.getByRole('article', { name: new RegExp(caseNumber) });
      await entry.waitFor();
      await expectText(entry.textContent(), ['公示中', '给予行政处罚', '上海某某食品有限公司']);
      await screenshot(tab.page, 'publicity');
      await tab.page.getByRole('button', { name: 'English' }).click();
      await expectText(tab.page.getByRole('article', { name: new RegExp(caseNumber) }).textContent(), ['Published', 'Penalty']);
      // A withdrawal stays listed, marked as withdrawn with its reason (APL 48).
      const head = asUser(docket.apiUrl, actors.headWang);
      const caseId = caseIds.get(caseNumber) ?? '';
      expect((await head.post(`/cases/${caseId}/actions/withdraw-publicity`, { reason: 'Revoked on reconsideration' })).status).toBe(200);
      await tab.page.reload();
      await expectText(tab.page.getByRole('article', { name: new RegExp(caseNumber) }).textContent(), ['Withdrawn', 'Revoked on reconsideration']);
      expect(tab.problems()).toEqual([]);
    } finally {
      await tab.close();
    }
  });

  describe('with OIDC sign-in against a provider', () => {
    let provider: OidcTestProvider;
    let oidcApi: DocketProcess;
    let oidcApiUrl: string;

    beforeAll(async () => {
      provider = await startOidcTestProvider({
        clientId: 'docket-console',
        audience: 'docket-api',
        user: { sub: actors.reviewerZhao.userId, agency: actors.reviewerZhao.agencyId, roles: ['reviewer'] },
      });
      // Production's settings: tokens verified with the provider's JWKS, no local secret, no local sign-in.
      const { AUTH_JWT_SECRET: _secret, AUTH_LOCAL_SIGNIN: _local, ...env } = docket.env;
      const port = await freePort();
      oidcApi = await startDocketProcess('api', {
        ...env,
        API_PORT: String(port),
        AUTH_JWKS_URL: provider.jwksUrl,
        AUTH_ISSUER: provider.issuer,
        AUTH_AUDIENCE: 'docket-api',
        AUTH_OIDC_CLIENT_ID: 'docket-console',
      });
      oidcApiUrl = `http://127.0.0.1:${port}`;
    });

    afterAll(async () => {
      await oidcApi?.stop();
      await provider?.stop();
    });

    it('signs in through the provider with PKCE and calls the API with its access token', async () => {
      const tab = await openConsolePage(browser);
      try {
        await tab.page.goto(`${oidcApiUrl}/app/sign-in`);
        const button = tab.page.getByRole('button', { name: `通过 ${new URL(provider.issuer).host} 登录` });
        await button.waitFor();
        expect(await tab.page.getByRole('heading', { name: '本地账号（仅限开发与测试）' }).count()).toBe(0);
        await screenshot(tab.page, 'sign-in-oidc');
        await button.click();
        // The provider signs the reviewer in and sends the browser back; the console exchanges the code.
        await tab.page.waitForURL(`${oidcApiUrl}/app/inbox`);
        await tab.page.getByTestId('signed-in-user').filter({ hasText: `${actors.reviewerZhao.userId} · ${actors.reviewerZhao.agencyId}` }).waitFor();
        expect(provider.exchanges).toEqual([{ verifierMatched: true, clientId: 'docket-console' }]);
        // The token the console holds is the provider's, and the API (verifying with the JWKS) accepts it.
        const stored = await tab.page.evaluate<string | null>("sessionStorage.getItem('docket.session')");
        const token = (JSON.parse(stored ?? '{}') as { token?: string }).token;
        const inbox = await fetch(`${oidcApiUrl}/inbox`, { headers: { authorization: `Bearer ${token ?? ''}` } });
        expect(inbox.status).toBe(200);
        expect(tab.problems()).toEqual([]);
      } finally {
        await tab.close();
      }
    });

    it('refuses a callback whose state this tab did not send', async () => {
      const tab = await openConsolePage(browser);
      try {
        await tab.page.goto(`${oidcApiUrl}/app/sign-in/callback?code=stolen&state=forged`);
        await tab.page.getByRole('alert').filter({ hasText: '请重新登录' }).waitFor();
        expect(provider.exchanges).toHaveLength(1);
      } finally {
        await tab.close();
      }
    });
  });
});

const caseIds = new Map<string, string>();

async function expectText(text: Promise<string | null>, fragments: readonly string[]): Promise<void> {
  const value = (await text) ?? '';
  for (const fragment of fragments) {
    expect(value).toContain(fragment);
  }
}

/** A penalty decided and published over HTTP, step by step as its people do; its case number. */
async function publishedDecision(apiUrl: string): Promise<string> {
  const handler = asUser(apiUrl, actors.handlerLi);
  const head = asUser(apiUrl, actors.headWang);
  const registered = await handler.post('/cases', {
    caseId: randomUUID(),
    source: 'complaint',
    summary: 'Complaint: expired food on sale',
    violationCode: 'FSL-124-1-3',
    party: { type: 'organization', name: '上海某某食品有限公司', idNumber: '91310000MA1FL4XXXX' },
  });
  expect(registered.status).toBe(201);
  const caseId = registered.body['caseId'] as string;
  const steps: Array<[ReturnType<typeof asUser>, string, object]> = [
    [head, 'filing/approve', thinPath.approveFiling],
    [head, 'handlers', thinPath.assignHandlers],
    [handler, 'investigation-report', thinPath.report],
    [asUser(apiUrl, actors.reviewerZhao), 'legal-review', thinPath.approveReview],
    [asUser(apiUrl, actors.handlerChen), 'notice/close', thinPath.closeNotice],
    [head, 'decision', { ...thinPath.decide, publish: true }],
    [handler, 'actions/record-service', thinPath.serve],
    [handler, 'actions/publish-decision', {}],
  ];
  let caseNumber = '';
  for (const [user, path, body] of steps) {
    const response = await user.post(`/cases/${caseId}/${path}`, body);
    expect({ path, status: response.status, code: response.body['code'] }).toEqual({ path, status: 200, code: undefined });
    caseNumber = response.body['caseNumber'] as string;
  }
  caseIds.set(caseNumber, caseId);
  return caseNumber;
}
