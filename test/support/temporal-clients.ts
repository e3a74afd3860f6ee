import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
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
 * The history once the workflow has nothing in flight: no pending activity, no pending workflow
 * task, and the same length on two polls in a row. Polls; a running workflow's history only grows.
 */
export async function settledHistoryLength(handle: WorkflowHandle, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  for (;;) {
    const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const length = (history.events ?? []).length;
    const idle = (description.raw.pendingActivities ?? []).length === 0 && !description.raw.pendingWorkflowTask;
    if (idle && length === previous) {
      return length;
    }
    previous = idle ? length : -1;
    if (Date.now() > deadline) {
      throw new Error(`workflow ${handle.workflowId} did not settle within ${timeoutMs} ms`);
    }
    await delay(100);
  }
}
