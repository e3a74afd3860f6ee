import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter, type PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import {
  CASE_LIFECYCLE_WORKFLOW_TYPE,
  TRANSFER_WORKFLOW_TYPES,
  caseWorkflowId,
  type CaseActivities,
  type RecordCaseEventInput,
} from '@docket/contracts';
import { DomainError, DomainErrorCode, canReadCase, orderedCaseEvents, replayEvents, type Actor, type CaseEvent } from '@docket/domain';
import { AgencyScopeService } from '../../registry/agency-scope.service';
import { PAYLOAD_CODEC } from '../../codec/payload-codec.provider';
import { fromTemporalError } from '../../temporal/temporal-errors';

type History = temporal.api.history.v1.IHistory;

export type RecordedWorkflowKind = 'case' | 'clue_transfer' | 'judicial_transfer';
export const RECORDED_WORKFLOW_KINDS: readonly RecordedWorkflowKind[] = ['case', 'clue_transfer', 'judicial_transfer'];

/** One run of one of the case's workflows, with its event history as Temporal stores it. */
export interface RecordedRun {
  readonly workflowId: string;
  readonly runId: string;
  readonly kind: RecordedWorkflowKind;
  readonly history: History;
}

/** A case's whole record in Temporal: every run of its workflow, then every run of its transfers. */
export interface RecordedCase {
  readonly caseId: string;
  readonly runs: readonly RecordedRun[];
  /** The case's events, read from what its workflow asked to record. */
  readonly events: readonly CaseEvent[];
}

/** The activity whose input is each event the case workflow recorded: its history is the record. */
const RECORDING_ACTIVITY: keyof CaseActivities = 'recordCaseEvent';

/** A guard against a chain of runs that never ends; a case continues as new after thousands of events. */
const MAX_RUNS = 10_000;

const KIND_OF_TYPE: ReadonlyMap<string, RecordedWorkflowKind> = new Map([
  [CASE_LIFECYCLE_WORKFLOW_TYPE, 'case'],
  [TRANSFER_WORKFLOW_TYPES.clue_transfer, 'clue_transfer'],
  [TRANSFER_WORKFLOW_TYPES.judicial_transfer, 'judicial_transfer'],
]);

/**
 * Reads a case's record from Temporal's event histories: the runs of its workflow, followed back
 * through continue-as-new, and those of the transfers it started. The histories are kept as
 * stored, payloads encoded and encrypted (AES-256-GCM, payload-codec): an export holds ciphertext,
 * readable with the `temporal` CLI and Docket's codec endpoint (`--codec-endpoint`); `toJson` writes one in the proto3 JSON form that
 * `temporal workflow show --output json` prints and `historyFromJSON` reads.
 */
@Injectable()
export class CaseHistoryService {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AgencyScopeService) private readonly agencyScope: AgencyScopeService,
    @Inject(PAYLOAD_CODEC) private readonly payloadCodec: PayloadCodec,
  ) {}

  /**
   * The case's record, for someone allowed to read the case; to anyone else the case does not
   * exist. Who may read it is judged from the recorded registration, not by asking the running
   * workflow, so a history today's code no longer replays can still be read.
   */
  async read(caseId: string, actor: Actor, options: { readonly transfers: boolean }): Promise<RecordedCase> {
    const notFound = () => new DomainError(DomainErrorCode.CaseNotFound, `no case ${caseId}`);
    const caseRuns = await this.runsOf(caseWorkflowId(caseId), 'case', notFound);
    const events = wholeRecord(caseId, (await Promise.all(caseRuns.map((run) => recordedEvents(run.history, this.payloadCodec)))).flat());
    const registered = events[0];
    if (registered === undefined || !canReadCase(replayEvents([registered]), actor, await this.agencyScope.readableAgencyIds(actor))) {
      throw notFound();
    }
    const transferRuns: RecordedRun[] = [];
    if (options.transfers) {
      for (const child of startedChildren(caseRuns)) {
        transferRuns.push(...(await this.runsOf(child.workflowId, child.kind, 'none')));
      }
    }
    return { caseId, runs: [...caseRuns, ...transferRuns], events };
  }

  /** Every run of a workflow, oldest first. A transfer that never started has none; a case that never did is not found. */
  private async runsOf(workflowId: string, kind: RecordedWorkflowKind, notFound: (() => DomainError) | 'none'): Promise<RecordedRun[]> {
    const runs: RecordedRun[] = [];
    try {
      // The latest run, named, so that every read below is of one chain even if the case moves on meanwhile.
      let runId: string | undefined = (await this.client.workflow.getHandle(workflowId).describe()).runId;
      while (runId !== undefined && runs.length < MAX_RUNS) {
        const history: History = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
        runs.unshift({ workflowId, runId, kind, history });
        const previous: string | null | undefined = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
        runId = previous === undefined || previous === null || previous === '' ? undefined : previous;
      }
    } catch (error) {
      if (error instanceof WorkflowNotFoundError && notFound === 'none') {
        return [];
      }
      throw fromTemporalError(error, notFound === 'none' ? () => new DomainError(DomainErrorCode.CaseNotFound, `no workflow ${workflowId}`) : notFound);
    }
    return runs;
  }
}

/** One history in the proto3 JSON form of Temporal's tools, as text. */
export function historyJson(history: History): string {
  return historyToJSON(history);
}

/** The case events a run's history recorded: the input of each recording activity it scheduled, decrypted. */
export async function recordedEvents(history: History, payloadCodec: PayloadCodec): Promise<CaseEvent[]> {
  const events: CaseEvent[] = [];
  for (const event of history.events ?? []) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name !== RECORDING_ACTIVITY) {
      continue;
    }
    const payload = scheduled.input?.payloads?.[0];
    if (payload === undefined || payload === null) {
      continue;
    }
    const [decoded] = await payloadCodec.decode([payload]);
    events.push(defaultPayloadConverter.fromPayload<RecordCaseEventInput>(decoded ?? payload).event);
  }
  return events;
}

/** The events in order; a gap in what Temporal holds is the server's fault, never the caller's input. */
function wholeRecord(caseId: string, events: readonly CaseEvent[]): readonly CaseEvent[] {
  try {
    return orderedCaseEvents(events);
  } catch (error) {
    throw new Error(`the recorded history of case ${caseId} is not whole: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The transfers the case's workflow started, once each, in the order it started them. */
function startedChildren(runs: readonly RecordedRun[]): { workflowId: string; kind: RecordedWorkflowKind }[] {
  const children = new Map<string, RecordedWorkflowKind>();
  for (const run of runs) {
    for (const event of run.history.events ?? []) {
      const initiated = event.startChildWorkflowExecutionInitiatedEventAttributes;
      const kind = KIND_OF_TYPE.get(initiated?.workflowType?.name ?? '');
      if (initiated?.workflowId !== undefined && initiated.workflowId !== null && kind !== undefined && kind !== 'case') {
        children.set(initiated.workflowId, kind);
      }
    }
  }
  return [...children].map(([workflowId, kind]) => ({ workflowId, kind }));
}
