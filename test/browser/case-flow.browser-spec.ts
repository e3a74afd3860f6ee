import type { Browser, Page } from 'playwright-core';
import type { Actor } from '@docket/domain';
import { launchChromium, openConsolePage, screenshot, signInLocally, type ConsolePage } from '../support/browser';
import { actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const UUID = /\/app\/cases\/([0-9a-f-]{36})$/;

/**
 * Issue 8's flow through the console's screens in headless Chromium, each person in a browser of
 * their own: a handler files a case, a reviewer returns it, the handler resubmits, the reviewer
 * approves, the head decides, an auditor opens the timeline. The steps between them that are not
 * the subject here (filing approval, the handlers' assignment, the first report, the party's
 * response) are taken over HTTP by the same people.
 */
describe('a case through the console, person by person', () => {
  let docket: DocketStack;
  let browser: Browser;
  const tabs: ConsolePage[] = [];

  beforeAll(async () => {
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('browser-flow'),
      env: { AUTH_LOCAL_SIGNIN: 'enabled' },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(tabs.map((tab) => tab.close()));
    await browser?.close();
    await docket?.stop();
  });

  /** A browser of the actor's own, signed in through the sign-in page. */
  async function signedIn(actor: Actor): Promise<Page> {
    const tab = await openConsolePage(browser);
    tabs.push(tab);
    await signInLocally(tab.page, docket.apiUrl, actor);
    return tab.page;
  }

  /** Waits for the inbox to list the case's step, refreshing as a person would. */
  async function inboxRow(page: Page, caseId: string): Promise<void> {
    await page.goto(`${docket.apiUrl}/app/inbox`);
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    const deadline = Date.now() + 30_000;
    while ((await row.count()) === 0) {
      if (Date.now() > deadline) {
        throw new Error(`the inbox never listed case ${caseId}`);
      }
      await page.getByRole('button', { name: '刷新' }).click();
      await page.waitForTimeout(500);
    }
  }

  async function expectStep(what: string, answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<void> {
    const { status, body } = await answer;
    expect({ what, status, code: body['code'] }).toEqual({ what, status: 200, code: undefined });
  }

  it('is filed, returned, resubmitted, approved and decided on its screens, and its timeline opened by an auditor', async () => {
    // 1. A handler files a case (立案登记).
    const handler = await signedIn(actors.handlerLi);
    await handler.waitForURL(`${docket.apiUrl}/app/inbox`);
    await handler.getByRole('link', { name: '立案登记' }).click();
    const form = handler.getByRole('form', { name: '立案登记' });
    await form.getByLabel('案情摘要').fill('投诉：新华路门店销售超过保质期的食品');
    await form.getByLabel('当事人名称或姓名').fill('上海某某食品有限公司');
    await form.getByLabel('违法行为代码').fill('FSL-124-1-3');
    await screenshot(handler, 'case-new');
    await form.getByRole('button', { name: '登记' }).click();
    await handler.waitForURL(UUID);
    const caseId = UUID.exec(new URL(handler.url()).pathname)?.[1] ?? '';
    await handler.getByRole('heading', { name: '办案流程' }).waitFor();

    // Between the screens under test: the head approves filing and assigns the handlers, the handler reports.
    const head = asUser(docket.apiUrl, actors.headWang);
    await expectStep('approve filing', head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling));
    await expectStep('assign handlers', head.post(`/cases/${caseId}/handlers`, thinPath.assignHandlers));
    await expectStep('first report', asUser(docket.apiUrl, actors.handlerLi).post(`/cases/${caseId}/investigation-report`, thinPath.report));

    // 2. The reviewer finds it in the inbox and returns it for more investigation.
    const reviewer = await signedIn(actors.reviewerZhao);
    await inboxRow(reviewer, caseId);
    await screenshot(reviewer, 'inbox');
    await reviewer.goto(`${docket.apiUrl}/app/cases/${caseId}/review`);
    await reviewer.getByRole('heading', { name: '审核决定' }).waitFor();
    await reviewer.getByRole('radio', { name: '退回补充调查' }).check();
    await reviewer.getByLabel('审核意见').fill('现场检查笔录缺少当事人签字，请补充调查');
    await screenshot(reviewer, 'review');
    await reviewer.getByRole('button', { name: '提交审核意见' }).click();
    await reviewer.getByRole('status').filter({ hasText: '审核意见已提交：退回补充调查' }).waitFor();

    // 3. The handler resubmits the investigation report on the case page.
    await handler.goto(`${docket.apiUrl}/app/cases/${caseId}`);
    const report = handler.getByRole('form', { name: '提交调查终结报告' });
    await report.getByLabel('调查认定的事实').fill('当事人在新华路门店销售超过保质期的预包装食品十二包，已补充当事人签字的检查笔录');
    await report.getByLabel('拟罚款金额（元）').fill('50000');
    await report.getByRole('button', { name: '提交调查终结报告' }).click();
    await handler.getByText('已办理：提交调查终结报告').waitFor();
    await screenshot(handler, 'case-page');

    // 4. The reviewer approves, every checklist point confirmed.
    await reviewer.goto(`${docket.apiUrl}/app/cases/${caseId}/review`);
    await reviewer.getByRole('heading', { name: '审核决定' }).waitFor();
    await reviewer.getByRole('button', { name: '全部确认' }).click();
    await reviewer.getByRole('radio', { name: '同意', exact: true }).check();
    await reviewer.getByLabel('审核意见').fill('事实清楚，证据确凿，适用依据正确，程序合法');
    await reviewer.getByRole('button', { name: '提交审核意见' }).click();
    await reviewer.getByRole('status').filter({ hasText: '审核意见已提交：同意' }).waitFor();

    // Between: the party waives the statement of defence (recorded by the other handler).
    await expectStep('close notice', asUser(docket.apiUrl, actors.handlerChen).post(`/cases/${caseId}/notice/close`, thinPath.closeNotice));

    // 5. The head decides on the case page.
    const headPage = await signedIn(actors.headWang);
    await headPage.goto(`${docket.apiUrl}/app/cases/${caseId}`);
    const decision = headPage.getByRole('form', { name: '作出决定' });
    await decision.getByLabel('处理决定').selectOption('penalty');
    await decision.getByLabel('罚款金额（元）').fill('50000');
    await decision.getByLabel('决定理由及法律依据').fill('《食品安全法》第一百二十四条第一款第三项');
    await screenshot(headPage, 'case-decide');
    await decision.getByRole('button', { name: '作出决定' }).click();
    await headPage.getByText('已办理：作出决定').waitFor();
    // The page reloads the case, which now stands decided.
    await headPage.locator('.case-stage', { hasText: '决定' }).waitFor();
    const caseNumber = (await headPage.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(caseNumber).toMatch(/^sh-pudong-amr-\d{4}-\d{6}$/);
    await screenshot(headPage, 'case-decided');
    await headPage.getByRole('link', { name: '监督' }).click();
    await headPage.getByRole('heading', { level: 1, name: '执法监督看板' }).waitFor();
    await screenshot(headPage, 'supervision');
    await handler.goto(`${docket.apiUrl}/app/cases`);
    await handler.getByRole('heading', { level: 1, name: '案件查询' }).waitFor();
    // Other suites fill the same agency with cases: the handler looks it up by its number.
    await handler.getByLabel('案号或当事人').fill(caseNumber);
    await handler.getByRole('button', { name: '查询', exact: true }).click();
    await handler.locator(`a[href="/app/cases/${caseId}"]`).first().waitFor();
    await screenshot(handler, 'cases');

    // 6. An auditor of the supervising body finds the case and opens its timeline.
    const auditor = await signedIn(actors.auditorQian);
    await auditor.waitForURL(`${docket.apiUrl}/app/audit`);
    await auditor.getByRole('heading', { level: 1, name: '执法监督审计' }).waitFor();
    await screenshot(auditor, 'audit');
    await auditor.getByLabel('案件编号或案号').fill(caseId);
    await auditor.getByRole('button', { name: '查找' }).click();
    await auditor.waitForURL(`${docket.apiUrl}/app/audit/cases/${caseId}`);
    await auditor.getByRole('heading', { name: '办案时间线' }).waitFor();
    await auditor.getByRole('button', { name: /^作出决定/ }).first().click();
    await auditor.getByRole('heading', { name: /^第 \d+ 步之后的状态$/ }).waitFor();
    await screenshot(auditor, 'audit-timeline');

    for (const tab of tabs) {
      expect(tab.problems()).toEqual([]);
    }
  });
});
