import { setTimeout as delay } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId, type CasePolicySnapshot } from '@docket/contracts';
import { decodedHistory } from './temporal-clients';

const EventType = temporal.api.enums.v1.EventType;

/** The policy snapshots signalled to a case (`casePolicyChanged`), in the order its history recorded them. */
export async function policySignals(client: Client, caseId: string): Promise<CasePolicySnapshot[]> {
  const history = await decodedHistory(await client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory());
  return (history.events ?? [])
    .filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
    .filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'casePolicyChanged')
    .map((event) => {
      const [payload] = event.workflowExecutionSignaledEventAttributes?.input?.payloads ?? [];
      return defaultPayloadConverter.fromPayload<CasePolicySnapshot>(payload);
    });
}

/**
 * The first `count` policy signals of a case. A signal that arrives while a workflow task is
 * running is buffered by the server and written to the history only when the task completes, so
 * the history is read until it shows them (or 20 s have passed, and the caller's assertion says so).
 */
export async function recordedPolicySignals(client: Client, caseId: string, count: number): Promise<CasePolicySnapshot[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const signals = await policySignals(client, caseId);
    if (signals.length >= count || Date.now() > deadline) {
      return signals;
    }
    await delay(100);
  }
}
