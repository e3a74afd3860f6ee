import { setTimeout as delay } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { DataSource } from 'typeorm';
import {
  CASE_LIFECYCLE_WORKFLOW_TYPE,
  CLUE_TRANSFER_WORKFLOW_TYPE,
  caseActionUpdates,
  caseStateQuery,
  caseWorkflowId,
  clueTransferUpdates,
  transferWorkflowId,
  type CaseLifecycleInput,
} from '@docket/contracts';
import type { Actor, CaseCommandPayload, CaseCommandType, CaseState, ClueTransferCommandPayload, ClueTransferCommandType } from '@docket/domain';
import { actors, lifecycleInput, thinPath } from '../support/case-fixtures';
import { DeadlineLab } from '../support/case-deadline.harness';
import { startCaseWorker, type RunningWorker } from '../support/case-worker.harness';
import { connectDatabase } from '../support/database';
import { connectTemporal, settledHistoryLength, type TemporalClients } from '../support/temporal-clients';
import { uniqueTaskQueue } from '../support/test-stack';
import { clueSteps, transferActors } from '../support/transfer-fixtures';
import { saveGoldenHistory, updateManifest, type GoldenHistory } from './golden-histories';

/**
 * Records the golden histories (`npm run replay:record`, or `-- -t <scenario>` for one): real runs of
 * the built workflow code on the dev Temporal server with real activities, saved as the JSON the
 * replayer reads. Re-record a scenario only on purpose: an old history is what proves the new code
 * still replays the cases already running.
 */
describe('golden histories', () => {
  const taskQueue = uniqueTaskQueue('golden');
  let temporal: TemporalClients;
  let dataSource: DataSource;
  let worker: RunningWorker;

  beforeAll(async () => {
    // In clear: the committed goldens are read in review, and replay must pass plaintext through.
    [temporal, dataSource] = await Promise.all([connectTemporal({ payloads: 'plaintext' }), connectDatabase()]);
    worker = await startCaseWorker({
      connection: temporal.nativeConnection,
      namespace: temporal.namespace,
      taskQueue,
      dataSource,
      payloadCodec: 'plaintext',
    });
  });

  afterAll(async () => {
    await worker?.stop();
    await temporal?.close();
    await dataSource?.destroy();
  });

  async function startCase(options: Partial<CaseLifecycleInput> = {}): Promise<WorkflowHandle> {
    const input: CaseLifecycleInput = { ...lifecycleInput(), ...options };
    return temporal.client.workflow.start(CASE_LIFECYCLE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.registration.caseId),
      taskQueue,
      args: [input],
    });
  }

  function act<T extends CaseCommandType>(handle: WorkflowHandle, type: T, actor: Actor, payload: CaseCommandPayload<T>): Promise<CaseState> {
    return handle.executeUpdate(caseActionUpdates[type], { args: [{ actor, payload }] });
  }

  /** The thin path's steps from filing to archiving, on a case already registered. */
  async function thinPathToArchive(handle: WorkflowHandle): Promise<void> {
    await act(handle, 'approve_filing', actors.headWang, thinPath.approveFiling);
    await act(handle, 'assign_handlers', actors.headWang, thinPath.assignHandlers);
    await act(handle, 'submit_investigation_report', actors.handlerLi, thinPath.report);
    await act(handle, 'decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
    await act(handle, 'close_notice', actors.handlerChen, thinPath.closeNotice);
    await act(handle, 'decide_case', actors.headWang, thinPath.decide);
    await act(handle, 'record_service', actors.handlerLi, thinPath.serve);
    await act(handle, 'record_payment', actors.handlerChen, thinPath.pay);
    await act(handle, 'close_case', actors.headWang, thinPath.close);
    await act(handle, 'archive_case', actors.headWang, thinPath.archive);
  }

  async function finished(handle: WorkflowHandle): Promise<WorkflowHandle> {
    await handle.result();
    return handle;
  }

  it('thin-path: registered, filed, investigated, reviewed, noticed, decided, served, paid, closed and archived', async () => {
    const handle = await startCase();
    await thinPathToArchive(handle);
    updateManifest([
      await saveGoldenHistory(await finished(handle), {
        file: 'thin-path.json',
        scenario: 'thin-path',
        covers: 'the thin path of domain.md: filing to archiving, ten human steps, no deadline missed',
        workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
      }),
    ]);
  });

  it('thin-path-sealed: the thin path under the seal patch: the archived record is sealed last', async () => {
    const handle = await startCase();
    await thinPathToArchive(handle);
    updateManifest([
      await saveGoldenHistory(await finished(handle), {
        file: 'thin-path-sealed.json',
        scenario: 'thin-path-sealed',
        covers: 'the thin path recorded with patched(seal-archived-case-record): sealCaseRecord runs after archiving',
        workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
      }),
    ]);
  });

  it('thin-path-event-only: the thin path under the record-event-without-state patch: each recording carries its event alone', async () => {
    const handle = await startCase({ registeredAt: new Date().toISOString() });
    await thinPathToArchive(handle);
    updateManifest([
      await saveGoldenHistory(await finished(handle), {
        file: 'thin-path-event-only.json',
        scenario: 'thin-path-event-only',
        covers:
          'the thin path recorded with patched(record-event-without-state) and the API\'s registeredAt in the input: recordCaseEvent gets the event without the case, sealed last',
        workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
      }),
    ]);
  });

  it('declined: the head declines to file the clue', async () => {
    const handle = await startCase();
    await act(handle, 'decline_filing', actors.headWang, { reason: 'No violation: the goods were within their use-by date' });
    updateManifest([
      await saveGoldenHistory(await finished(handle), {
        file: 'declined.json',
        scenario: 'declined',
        covers: 'a clue not filed (不予立案): the workflow ends in stage not_filed',
        workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
      }),
    ]);
  });

  it('contested: returned from legal review, heard, discussed collectively, with a clue transfer to discipline inspection', async () => {
    const handle = await startCase();
    const caseId = handle.workflowId.slice('case-'.length);
    await act(handle, 'approve_filing', actors.headWang, thinPath.approveFiling);
    await act(handle, 'assign_handlers', actors.headWang, thinPath.assignHandlers);
    await act(handle, 'start_clue_transfer', actors.handlerLi, {
      proposal: {
        misconduct: { kind: 'rent_seeking', description: 'An inspector asked the shop for “consulting fees”' },
        official: { name: '张某', position: 'inspector', organization: 'Xinhua Road office' },
        discoveredAt: new Date(Date.now() - 60_000).toISOString(),
      },
    });
    const transfer = temporal.client.workflow.getHandle(transferWorkflowId(caseId, 'clue_transfer'));
    const transferStep = <T extends ClueTransferCommandType>(type: T, actor: Actor, payload: ClueTransferCommandPayload<T>) =>
      transfer.executeUpdate(clueTransferUpdates[type], { args: [{ actor, payload }] });
    await transferStep('approve_transfer', actors.headWang, clueSteps.approve);
    await transferStep('record_transfer', actors.handlerChen, clueSteps.transfer);
    await transferStep('acknowledge_receipt', transferActors.inspectorZhou, clueSteps.acknowledge);

    await act(handle, 'submit_investigation_report', actors.handlerLi, thinPath.report);
    await act(handle, 'decide_legal_review', actors.reviewerZhao, { verdict: 'return_for_investigation', opinion: 'Interview the supplier' });
    await act(handle, 'submit_investigation_report', actors.handlerChen, { ...thinPath.report, findings: 'Supplier interviewed; twelve packs' });
    await act(handle, 'decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
    await act(handle, 'request_hearing', actors.handlerLi, {});
    await act(handle, 'schedule_hearing', actors.headWang, {
      officerId: actors.hearingOfficerZhou.userId,
      scheduledFor: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      public: true,
    });
    await act(handle, 'record_hearing', actors.hearingOfficerZhou, { outcome: 'held', record: 'Party heard; supplier invoices produced' });
    await act(handle, 'record_collective_discussion', actors.headWang, {
      participants: [actors.headWang.userId, 'deputy-head-xu'],
      conclusion: 'Penalty of ¥45,000 within the benchmark',
    });
    await act(handle, 'decide_case', actors.headWang, { ...thinPath.decide, fine: 45_000 });
    await act(handle, 'record_service', actors.handlerLi, thinPath.serve);

    await transferStep('return_feedback', transferActors.inspectorZhou, clueSteps.feedback);
    await transfer.result();
    for (let tries = 0; (await handle.query(caseStateQuery)).transfers[0]?.outcome !== 'feedback_received'; tries += 1) {
      if (tries > 200) {
        throw new Error('the transfer’s closing did not reach the case');
      }
      await delay(100);
    }
    await act(handle, 'record_payment', actors.handlerChen, { amount: 45_000 });
    await act(handle, 'close_case', actors.headWang, { summary: 'Penalty paid; clue transferred and answered' });
    await act(handle, 'archive_case', actors.headWang, { important: true });

    const covers = 'a contested case: legal review return, hearing, collective discussion, clue transfer child with feedback';
    updateManifest([
      await saveGoldenHistory(await finished(handle), { file: 'contested.json', scenario: 'contested', covers, workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE }),
      await saveGoldenHistory(transfer, {
        file: 'contested.clue-transfer.json',
        scenario: 'contested',
        covers: 'the clue transfer child of the contested case: proposed, approved, transferred, acknowledged, feedback',
        workflowType: CLUE_TRANSFER_WORKFLOW_TYPE,
      }),
    ]);
  });

  it('suspended: suspended in investigation, resumed, then taken to archiving', async () => {
    const handle = await startCase();
    await act(handle, 'approve_filing', actors.headWang, thinPath.approveFiling);
    await act(handle, 'assign_handlers', actors.headWang, thinPath.assignHandlers);
    await act(handle, 'suspend_case', actors.headWang, { reason: 'The party’s legal representative is being replaced' });
    await act(handle, 'resume_case', actors.headWang, { reason: 'New representative appointed' });
    await act(handle, 'submit_investigation_report', actors.handlerLi, thinPath.report);
    await act(handle, 'decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
    await act(handle, 'close_notice', actors.handlerChen, thinPath.closeNotice);
    await act(handle, 'decide_case', actors.headWang, thinPath.decide);
    await act(handle, 'record_service', actors.handlerLi, thinPath.serve);
    await act(handle, 'record_payment', actors.handlerChen, thinPath.pay);
    await act(handle, 'close_case', actors.headWang, thinPath.close);
    await act(handle, 'archive_case', actors.headWang, thinPath.archive);
    updateManifest([
      await saveGoldenHistory(await finished(handle), {
        file: 'suspended.json',
        scenario: 'suspended',
        covers: 'suspension and resumption (中止/恢复) during investigation: the clocks stop and restart',
        workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
      }),
    ]);
  });

  it('continued-as-new: a case whose history is long enough to continue as new twice', async () => {
    const handle = await startCase({ continueAsNewAfterEvents: 25 });
    await act(handle, 'approve_filing', actors.headWang, thinPath.approveFiling);
    await act(handle, 'assign_handlers', actors.headWang, thinPath.assignHandlers);
    for (let round = 0; round < 2; round += 1) {
      await act(handle, 'submit_investigation_report', actors.handlerLi, thinPath.report);
      await act(handle, 'decide_legal_review', actors.reviewerZhao, { verdict: 'return_for_investigation', opinion: `round ${round}: more evidence` });
    }
    await act(handle, 'submit_investigation_report', actors.handlerLi, thinPath.report);
    await act(handle, 'decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
    await act(handle, 'close_notice', actors.handlerChen, thinPath.closeNotice);
    await act(handle, 'decide_case', actors.headWang, thinPath.decide);
    await act(handle, 'record_service', actors.handlerLi, thinPath.serve);
    await act(handle, 'record_payment', actors.handlerChen, thinPath.pay);
    await act(handle, 'close_case', actors.headWang, thinPath.close);
    await act(handle, 'archive_case', actors.headWang, thinPath.archive);
    await handle.result();

    // Every run of the chain, oldest first: each run's start names the run it continues.
    const runs: WorkflowHandle[] = [];
    let runId: string | undefined = (await handle.describe()).runId;
    while (runId !== undefined && runId !== '') {
      const run: WorkflowHandle = temporal.client.workflow.getHandle(handle.workflowId, runId);
      runs.unshift(run);
      const history: History = await run.fetchHistory();
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    }
    expect(runs.length).toBeGreaterThan(1);
    const recorded: GoldenHistory[] = [];
    for (const [index, run] of runs.entries()) {
      recorded.push(
        await saveGoldenHistory(run, {
          file: `continued-as-new.run-${index + 1}.json`,
          scenario: 'continued-as-new',
          covers: `run ${index + 1} of ${runs.length} of a case continued as new after 25 events (returned twice by legal review)`,
          workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
        }),
      );
    }
    updateManifest(recorded);
  });

  it('deadline-missed: the filing decision is missed on the time-skipping server, then the clue is declined', async () => {
    const lab = await DeadlineLab.start('golden-deadline');
    try {
      const subject = await lab.registerCase();
      const clock = await subject.clock('filing_decision');
      await lab.sleepUntil(clock.dueAt);
      expect((await subject.clock('filing_decision')).status).toBe('missed');
      await subject.act('decline_filing', actors.headWang, { reason: 'Late, and no violation found' });
      await settledHistoryLength(subject.handle);
      expect((await subject.handle.describe()).status.name).toBe('COMPLETED');
      updateManifest([
        await saveGoldenHistory(subject.handle, {
          file: 'deadline-missed.json',
          scenario: 'deadline-missed',
          covers: 'the filing-decision deadline warned and then missed (durable timers fired), then the clue declined',
          workflowType: CASE_LIFECYCLE_WORKFLOW_TYPE,
        }),
      ]);
    } finally {
      await lab.endRunningCases();
      await lab.stop();
    }
  });
});
