import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@docket/dev-infra';
import { tokenFor } from '../support/auth-tokens';
import { actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const METRICS_TOKEN = `scrape-${randomUUID()}`;

/** The value of one sample line of a Prometheus text exposition, or 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

/** Prometheus metrics of the API (/metrics, behind its own token here) and of the worker (the Temporal runtime's exporter). */
describe('metrics end to end', () => {
  let docket: DocketStack;
  let workerMetricsUrl: string;

  beforeAll(async () => {
    const workerMetricsPort = await freePort();
    workerMetricsUrl = `http://127.0.0.1:${workerMetricsPort}/metrics`;
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('e2e-metrics'),
      env: { METRICS_BEARER_TOKEN: METRICS_TOKEN, WORKER_METRICS_ADDRESS: `127.0.0.1:${workerMetricsPort}` },
    });
  });

  afterAll(async () => {
    await docket?.stop();
  });

  /** A scrape presenting `token`, or no authorization header at all for null. */
  async function scrape(token: string | null = METRICS_TOKEN): Promise<{ status: number; contentType: string | null; text: string }> {
    const response = await fetch(`${docket.apiUrl}/metrics`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
  }

  it('asks for the metrics token when one is configured, and takes no user token instead', async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape('not-the-token')).status).toBe(401);
    const userToken = await fetch(`${docket.apiUrl}/metrics`, {
      headers: { authorization: `Bearer ${tokenFor(actors.auditorQian)}` },
    });
    expect(userToken.status).toBe(401);
    expect(userToken.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const answer = await scrape();
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/plain/);
    expect(answer.text).toContain('process_cpu_user_seconds_total');
    expect(answer.text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('counts requests by route template and status, and case steps by name and outcome, with no case id in any label', async () => {
    const head = asUser(docket.apiUrl, actors.headWang);
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const missing = randomUUID();
    const notFoundSeries = 'http_requests_total{method="GET",route="/cases/:caseId",status="404"}';
    const before = await scrape();

    expect((await head.get(`/cases/${missing}`)).status).toBe(404);
    const registered = await handler.post('/cases', {
      caseId: randomUUID(),
      source: 'inspection',
      summary: 'Inspection: expired food on sale',
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;
    expect((await head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling)).status).toBe(200);
    // Refused: filing is already approved.
    expect((await head.post(`/cases/${caseId}/actions/approve-filing`, thinPath.approveFiling)).status).toBe(409);

    const after = await scrape();
    expect(sample(after.text, notFoundSeries) - sample(before.text, notFoundSeries)).toBe(1);
    const delta = (series: string) => sample(after.text, series) - sample(before.text, series);
    expect(delta('docket_case_actions_total{action="register_case",outcome="accepted"}')).toBe(1);
    expect(delta('docket_case_actions_total{action="approve_filing",outcome="accepted"}')).toBe(1);
    expect(delta('docket_case_actions_total{action="approve_filing",outcome="refused"}')).toBe(1);
    expect(after.text).toContain('http_request_duration_seconds_count{method="POST",route="/cases/:caseId/filing/approve",status="200"}');
    for (const id of [missing, caseId]) {
      expect(after.text).not.toContain(id);
    }
    expect(after.text).not.toContain('上海');
  });

  it('serves the worker’s Temporal metrics on their own address once a case has run', async () => {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const registered = await handler.post('/cases', {
      caseId: randomUUID(),
      source: 'complaint',
      summary: 'Complaint: expired food on sale',
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(registered.status).toBe(201);

    // The core exports on its own schedule: read until the workflow task the case ran shows up.
    const deadline = Date.now() + 30_000;
    let text = '';
    while (!/^temporal_workflow_task_execution_latency/m.test(text)) {
      if (Date.now() > deadline) {
        throw new Error(`no workflow task metrics from the worker; last scrape:\n${text}`);
      }
      await delay(200);
      text = await fetch(workerMetricsUrl).then((response) => response.text(), () => '');
    }
    expect(text).toMatch(/^temporal_request\{/m);
    expect(text).not.toContain(registered.body['caseId'] as string);
  });
});
