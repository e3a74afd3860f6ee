import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter, type PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { ApiProcessConfig } from '@docket/config';
import { caseStateQuery, caseWorkflowId, type CaseActivities, type RecordCaseEventInput } from '@docket/contracts';
import { CaseStage, DomainError, DomainErrorCode, canReadCase, type Actor, type CaseState } from '@docket/domain';
import { CaseRecordRepository, CaseSealRepository, type ChainedEventContent, type StoredChainRow } from '@docket/persistence';
import { API_CONFIG } from '../../api.tokens';
import { PAYLOAD_CODEC } from '../../codec/payload-codec.provider';
import { AgencyScopeService } from '../../registry/agency-scope.service';
import { fromTemporalError } from '../../temporal/temporal-errors';
import { HistoryReadLog } from '../history-read-log.service';
import { verifyCaseRecord, type CaseVerification, type HistoryEvidence } from './case-verification';

type History = temporal.api.history.v1.IHistory;

const RECORDING_ACTIVITY: keyof CaseActivities = 'recordCaseEvent';

/** A guard against a chain of runs that never ends; a case continues as new after thousands of events. */
const MAX_RUNS = 10_000;

/**
 * Verifies a case's record (tamper evidence, issue 5 item 4): recomputes the `case_events` hash
 * chain, checks each row against the event the workflow recorded in its Temporal history, and
 * checks the seal of an archived case. Who may ask is judged from the stored projection, so a case
 * whose history Temporal no longer keeps can still be verified from its chain and seal.
 */
@Injectable()
export class CaseVerificationService {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(API_CONFIG) private readonly config: ApiProcessConfig,
    @Inject(CaseRecordRepository) private readonly caseRecords: CaseRecordRepository,
    @Inject(CaseSealRepository) private readonly caseSeals: CaseSealRepository,
    @Inject(AgencyScopeService) private readonly agencyScope: AgencyScopeService,
    @Inject(HistoryReadLog) private readonly readLog: HistoryReadLog,
    @Inject(PAYLOAD_CODEC) private readonly payloadCodec: PayloadCodec,
  ) {}

  async verify(caseId: string, actor: Actor): Promise<CaseVerification> {
    const notFound = () => new DomainError(DomainErrorCode.CaseNotFound, `no case ${caseId}`);
    const stored = await this.caseRecords.findCase(caseId);
    // A case registered a moment ago may not be projected yet: its workflow answers for it then.
    const state = stored?.state ?? (await this.liveState(caseId, notFound));
    if (!canReadCase(state, actor, await this.agencyScope.readableAgencyIds(actor))) {
      throw notFound();
    }
    await this.readLog.record(actor, caseId, 'verify');
    const rows: StoredChainRow[] = (await this.caseRecords.listEvents(caseId)).map((row) => ({
      caseId: row.caseId,
      sequence: row.sequence,
      workflowId: row.workflowId,
      type: row.type,
      actorId: row.actorId,
      actorRole: row.actorRole,
      stageBefore: row.stageBefore,
      stageAfter: row.stageAfter,
      data: row.data,
      occurredAt: row.occurredAt,
      prevHash: row.prevHash,
      hash: row.hash,
    }));
    return verifyCaseRecord({
      caseId,
      rows,
      history: await this.historyEvidence(stored?.workflowId ?? caseWorkflowId(caseId)),
      seal: await this.caseSeals.find(caseId),
      sealKey: { id: this.config.auditSeal.keyId, secret: this.config.auditSeal.key },
      archived: state.stage === CaseStage.Archived,
    });
  }

  private async liveState(caseId: string, notFound: () => DomainError): Promise<CaseState> {
    try {
      return await this.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseStateQuery);
    } catch (error) {
      throw fromTemporalError(error, notFound);
    }
  }

  /** What every run of the case's workflow recorded, followed back from the latest through continue-as-new. */
  private async historyEvidence(workflowId: string): Promise<HistoryEvidence> {
    const events = new Map<number, ChainedEventContent>();
    const pending: number[] = [];
    let runs = 0;
    try {
      // The latest run, named, so that every read below is of one chain even if the case moves on meanwhile.
      let runId: string | undefined = (await this.client.workflow.getHandle(workflowId).describe()).runId;
      while (runId !== undefined && runs < MAX_RUNS) {
        const history: History = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
        runs += 1;
        await collectRecorded(history, events, pending, this.payloadCodec);
        const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
        runId = previous === undefined || previous === null || previous === '' ? undefined : previous;
      }
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        return {
          available: false,
          reason: 'Temporal no longer keeps this case’s history (past the namespace’s retention): the chain and the seal were checked, not the rows’ content against the history',
        };
      }
      throw fromTemporalError(error, () => new DomainError(DomainErrorCode.CaseNotFound, `no workflow ${workflowId}`));
    }
    return { available: true, runs, events, pending: pending.sort((a, b) => a - b) };
  }
}

/**
 * Adds the events a run's history asked to record (decrypted first); those whose recording has not
 * completed are also pending.
 */
async function collectRecorded(
  history: History,
  events: Map<number, ChainedEventContent>,
  pending: number[],
  payloadCodec: PayloadCodec,
): Promise<void> {
  const completed = new Set<string>();
  for (const event of history.events ?? []) {
    const scheduledId = event.activityTaskCompletedEventAttributes?.scheduledEventId;
    if (scheduledId !== undefined && scheduledId !== null) {
      completed.add(scheduledId.toString());
    }
  }
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const payload = scheduled?.input?.payloads?.[0];
    if (scheduled?.activityType?.name !== RECORDING_ACTIVITY || payload === undefined || payload === null) {
      continue;
    }
    const [decoded] = await payloadCodec.decode([payload]);
    const input = defaultPayloadConverter.fromPayload<RecordCaseEventInput>(decoded ?? payload);
    const { event: recorded } = input;
    if (!events.has(recorded.sequence)) {
      events.set(recorded.sequence, {
        caseId: recorded.caseId,
        sequence: recorded.sequence,
        workflowId: input.workflowId,
        type: recorded.data.type,
        actorId: recorded.actor.userId,
        actorRole: recorded.actor.role,
        stageBefore: recorded.stageBefore,
        stageAfter: recorded.stageAfter,
        data: recorded.data,
        occurredAt: recorded.occurredAt,
      });
    }
    if (!completed.has(String(event.eventId?.toString()))) {
      pending.push(recorded.sequence);
    }
  }
}
