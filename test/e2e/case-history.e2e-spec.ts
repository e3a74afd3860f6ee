import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { CASE_LIFECYCLE_WORKFLOW_TYPE, caseWorkflowId } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { actors, lifecycleInput, thinPath } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testDataConverter } from '../support/payload-keys';
import { registerAgencies, registerUsers } from '../support/identity-registry';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { clueSteps } from '../support/transfer-fixtures';

const WORKFLOW_BUNDLE = join(__dirname, '../../apps/worker/dist/workflow-bundle.js');
const unrelatedAuditor: Actor = { userId: 'auditor-lin', role: 'auditor', agencyId: 'js-nanjing-justice' };

interface ExportedWorkflow {
  readonly workflowId: string;
  readonly runId: string;
  readonly kind: string;
  readonly history: { events: Array<Record<string, unknown>> };
}

/** Issue 5, item 1: the Temporal histories of a case and its transfers, as Temporal's tools and the replayer read them. */
describe('the history export', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let temporal: TemporalClients;
  const taskQueue = uniqueTaskQueue('e2e-history');

  beforeAll(async () => {
    [docket, dataSource, temporal] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue }),
      connectDatabase(),
      connectTemporal(),
    ]);
    await registerAgencies(docket.apiUrl, [{ id: unrelatedAuditor.agencyId, name: '南京市司法局（执法监督）', kind: 'supervision' }]);
    await registerUsers(docket.apiUrl, [unrelatedAuditor]);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
    await temporal?.close();
  });

  // The export holds payloads as stored, encrypted: the replayer reads them with the workers' keys.
  const replay = (text: string, workflowId: string) =>
    Worker.runReplayHistory(
      { workflowBundle: { codePath: WORKFLOW_BUNDLE }, dataConverter: testDataConverter },
      historyFromJSON(JSON.parse(text)),
      workflowId,
    );

  it('exports the case’s history and its clue transfer’s, each a file the replayer replays', async () => {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const head = asUser(docket.apiUrl, actors.headWang);
    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    const caseId = randomUUID();
    const ok = async (answer: Promise<{ status: number; body: Record<string, unknown> }>) => expect((await answer).status).toBeLessThan(300);
    await ok(handler.post('/cases', { caseId, source: 'complaint', summary: 'Complaint: expired food on sale', party: { type: 'organization', name: '上海某某食品有限公司' } }));
    await ok(head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling));
    await ok(
      handler.post(`/cases/${caseId}/actions/start-clue-transfer`, {
        proposal: {
          misconduct: { kind: 'rent_seeking', description: 'An inspector asked the shop for “consulting fees”' },
          official: { name: '张某', position: 'inspector', organization: 'Xinhua Road office' },
          discoveredAt: new Date(Date.now() - 60_000).toISOString(),
        },
      }),
    );
    await ok(head.post(`/cases/${caseId}/transfers/clue-transfer/actions/approve-transfer`, clueSteps.approve));

    const exported = await auditor.get<{ caseId: string; workflows: ExportedWorkflow[] }>(`/cases/${caseId}/history`);
    expect(exported.status).toBe(200);
    expect(exported.body.caseId).toBe(caseId);
    expect(exported.body.workflows.map(({ workflowId, kind }) => ({ workflowId, kind }))).toEqual([
      { workflowId: `case-${caseId}`, kind: 'case' },
      { workflowId: `case-${caseId}/clue-transfer`, kind: 'clue_transfer' },
    ]);
    for (const workflow of exported.body.workflows) {
      // The form `temporal workflow show --output json` prints: string ids, enum names, payloads as stored (encrypted).
      expect(workflow.history.events[0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
      const started = workflow.history.events[0]?.['workflowExecutionStartedEventAttributes'] as { input: { payloads: Array<{ metadata: { encoding: string } }> } };
      expect(Buffer.from(started.input.payloads[0]?.metadata.encoding ?? '', 'base64').toString()).toBe('binary/encrypted');
      // The history as Temporal holds it, event for event.
      const held = await temporal.client.workflow.getHandle(workflow.workflowId, workflow.runId).fetchHistory();
      expect(workflow.history.events.map((event) => event['eventId'])).toEqual((held.events ?? []).map((event) => String(event.eventId)));

      // One file per workflow, as the replay command and historyFromJSON take it.
      const file = await auditor.get(`/cases/${caseId}/history?workflow=${workflow.kind}`);
      expect(file.status).toBe(200);
      expect(file.contentType).toMatch(/^application\/json/);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="case-/);
      expect(JSON.parse(file.text)).toEqual(workflow.history);
      await expect(replay(file.text, workflow.workflowId)).resolves.toBeUndefined();
      const byRun = await auditor.get(`/cases/${caseId}/history?runId=${workflow.runId}`);
      // Equal, not byte-equal: the server sends a payload's metadata map (encoding, encryption-key-id) in no fixed order.
      expect(JSON.parse(byRun.text)).toEqual(JSON.parse(file.text));
    }

    // What cannot be given is refused, naming the parameter.
    expect((await auditor.get(`/cases/${caseId}/history?workflow=judicial_transfer`)).body).toMatchObject({ status: 400, field: 'workflow' });
    expect((await auditor.get(`/cases/${caseId}/history?runId=${randomUUID()}`)).body).toMatchObject({ status: 400, field: 'runId' });
    expect((await auditor.get(`/cases/${caseId}/history?workflow=everything`)).body).toMatchObject({ status: 400 });

    // Auditors of a supervising body only: the case's own people and unrelated auditors are not shown it.
    expect((await head.get(`/cases/${caseId}/history`)).status).toBe(403);
    expect((await handler.get(`/cases/${caseId}/history`)).status).toBe(403);
    expect((await asUser(docket.apiUrl, unrelatedAuditor).get(`/cases/${caseId}/history`)).status).toBe(404);
    expect((await auditor.get(`/cases/${randomUUID()}/history`)).status).toBe(404);

    const reads: Array<{ user_id: string; role: string; kind: string }> = await dataSource.query(
      'SELECT user_id, role, kind FROM history_reads WHERE case_id = $1 ORDER BY read_at, id',
      [caseId],
    );
    // The export, then a file by kind and a file by run for each of the two workflows.
    expect(reads).toEqual(Array.from({ length: 5 }, () => ({ user_id: 'auditor-qian', role: 'auditor', kind: 'history' })));
  });

  it('follows a case that continued as new through all its runs, and its timeline through all of them', async () => {
    const input = { ...lifecycleInput(), continueAsNewAfterEvents: 12 };
    const caseId = input.registration.caseId;
    await temporal.client.workflow.start(CASE_LIFECYCLE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(caseId), taskQueue, args: [input] });
    const head = asUser(docket.apiUrl, actors.headWang);
    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    const steps = [
      () => head.post(`/cases/${caseId}/actions/extend-filing-period`, { reason: 'Records awaited' }),
      () => head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling),
      () => head.post(`/cases/${caseId}/handlers`, thinPath.assignHandlers),
      () => head.post(`/cases/${caseId}/actions/suspend-case`, { reason: 'Awaiting laboratory testing' }),
      () => head.post(`/cases/${caseId}/actions/resume-case`, { reason: 'Results received' }),
    ];
    let last: Record<string, unknown> = {};
    for (const step of steps) {
      const answer = await step();
      expect({ status: answer.status, code: answer.body['code'] }).toEqual({ status: 200, code: undefined });
      last = answer.body;
    }

    const exported = await auditor.get<{ workflows: ExportedWorkflow[] }>(`/cases/${caseId}/history`);
    const runs = exported.body.workflows.filter((workflow) => workflow.kind === 'case');
    expect(runs.length).toBeGreaterThan(1);
    expect(new Set(runs.map((run) => run.runId)).size).toBe(runs.length);
    // Oldest first: the first run was started by the registration, every later one continues the one before.
    expect(runs[0]?.history.events[0]?.['workflowExecutionStartedEventAttributes']).not.toHaveProperty('continuedExecutionRunId');
    runs.slice(1).forEach((run, index) => {
      expect(run.history.events[0]?.['workflowExecutionStartedEventAttributes']).toMatchObject({ continuedExecutionRunId: runs[index]?.runId });
    });
    expect((await auditor.get(`/cases/${caseId}/history?workflow=case`)).body).toMatchObject({ status: 400, field: 'runId' });
    const lastRun = runs[runs.length - 1];
    const file = await auditor.get(`/cases/${caseId}/history?workflow=case&runId=${lastRun.runId}`);
    expect(JSON.parse(file.text)).toEqual(lastRun.history);

    const timeline = await auditor.get<{ steps: Array<{ sequence: number }> }>(`/cases/${caseId}/timeline`);
    expect(timeline.body.steps.map((step) => step.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await auditor.get(`/cases/${caseId}/timeline?at=6`)).body).toEqual(last);
  });
});
