import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { testStack } from './test-stack';

export interface TemporalClients {
  readonly client: Client;
  readonly nativeConnection: NativeConnection;
  readonly namespace: string;
  close(): Promise<void>;
}

/** A client and a worker connection to the suite's Temporal dev server. */
export async function connectTemporal(): Promise<TemporalClients> {
  const address = testStack.temporalAddress();
  const namespace = testStack.temporalNamespace();
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace }),
    nativeConnection,
    namespace,
    async close() {
      await connection.close();
      await nativeConnection.close();
    },
  };
}

/**
 * The history once the workflow has nothing in flight: no pending activity and the last event a
 * completed workflow task. Polls; the history of a running workflow only grows.
 */
export async function settledHistoryLength(handle: WorkflowHandle, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const events = history.events ?? [];
    const last = events[events.length - 1];
    const idle =
      (description.raw.pendingActivities ?? []).length === 0 &&
      last?.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
    if (idle) {
      return events.length;
    }
    if (Date.now() > deadline) {
      throw new Error(`workflow ${handle.workflowId} did not settle within ${timeoutMs} ms`);
    }
    await delay(50);
  }
}
