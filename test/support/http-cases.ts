import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { Actor } from '@docket/domain';
import { actors, thinPath } from './case-fixtures';
import { asUser } from './http-client';
import { registerUsers } from './identity-registry';

const clue = (caseId = randomUUID()) => ({
  caseId,
  source: 'complaint',
  summary: 'Complaint: expired food on sale at the Xinhua Road shop',
  violationCode: 'FSL-124-1-3',
  party: { type: 'organization', name: '上海某某食品有限公司' },
});

/**
 * A case registered over HTTP by a handler of the agency (registered in the registry first), once
 * the worker has projected it into `cases`.
 */
export async function projectedCase(apiUrl: string, dataSource: DataSource, agencyId: string): Promise<string> {
  const handlerLi: Actor = { userId: 'handler-li', role: 'handler', agencyId };
  await registerUsers(apiUrl, [handlerLi]);
  const registered = await asUser(apiUrl, handlerLi).post('/cases', clue());
  if (registered.status !== 201) {
    throw new Error(`registering a case answered ${registered.status}: ${registered.text}`);
  }
  const caseId = registered.body['caseId'] as string;
  const deadline = Date.now() + 20_000;
  while ((await dataSource.query<unknown[]>('SELECT 1 FROM cases WHERE id = $1', [caseId])).length === 0) {
    if (Date.now() > deadline) {
      throw new Error(`case ${caseId} never reached the cases projection`);
    }
    await delay(100);
  }
  return caseId;
}

/** A case of the fixture agency taken over HTTP from registration to archiving by its people: eleven events. */
export async function archivedCaseOverHttp(apiUrl: string): Promise<string> {
  const handler = asUser(apiUrl, actors.handlerLi);
  const handlerChen = asUser(apiUrl, actors.handlerChen);
  const reviewer = asUser(apiUrl, actors.reviewerZhao);
  const head = asUser(apiUrl, actors.headWang);
  const registered = await handler.post('/cases', clue());
  if (registered.status !== 201) {
    throw new Error(`registering a case answered ${registered.status}: ${registered.text}`);
  }
  const caseId = registered.body['caseId'] as string;
  const steps: Array<[ReturnType<typeof asUser>, string, object]> = [
    [head, 'filing/approve', thinPath.approveFiling],
    [head, 'handlers', thinPath.assignHandlers],
    [handler, 'investigation-report', thinPath.report],
    [reviewer, 'legal-review', thinPath.approveReview],
    [handlerChen, 'notice/close', thinPath.closeNotice],
    [head, 'decision', thinPath.decide],
    [handler, 'actions/record-service', thinPath.serve],
    [handlerChen, 'actions/record-payment', thinPath.pay],
    [head, 'closing', thinPath.close],
    [head, 'actions/archive-case', thinPath.archive],
  ];
  for (const [user, path, body] of steps) {
    const response = await user.post(`/cases/${caseId}/${path}`, body);
    if (response.status !== 200) {
      throw new Error(`step ${path} of case ${caseId} answered ${response.status}: ${response.text}`);
    }
  }
  return caseId;
}
