import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { testDataConverter, testPayloadCodec } from './payload-keys';
import { testStack } from './test-stack';

export interface TemporalClients {
  readonly client: Client;
  readonly nativeConnection: NativeConnection;
  readonly namespace: string;
  close(): Promise<void>;
}

/**
 * A client and a worker connection to the suite's Temporal dev server. The client encrypts and
 * decrypts payloads with the suites' test key, as Docket's processes do; 'plaintext' is for the
 * golden recorder and for tests that must see what the server stores. `fetchHistory()` returns
 * payloads as stored (encrypted) either way: decode them with testPayloadCodec.
 */
export async function connectTemporal(
  options: { payloads?: 'encrypted' | 'plaintext'; /** A server of the suite's own; the shared one otherwise. */ address?: string } = {},
): Promise<TemporalClients> {
  const address = options.address ?? testStack.temporalAddress();
  const namespace = testStack.temporalNamespace();
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  return {
    client: new Client({ connection, namespace, ...(options.payloads === 'plaintext' ? {} : { dataConverter: testDataConverter }) }),
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

type Payload = Parameters<typeof testPayloadCodec.decode>[0][number];

function isPayload(value: object): value is Payload {
  const metadata = (value as { metadata?: unknown }).metadata;
  return typeof metadata === 'object' && metadata !== null && (metadata as Record<string, unknown>)['encoding'] instanceof Uint8Array;
}

/**
 * A history as fetched (payloads as the server stores them, encrypted) with every payload decrypted
 * in place, for tests that read what the workflow was given. Plaintext payloads stay as they are.
 */
export async function decodedHistory<H extends object>(history: H): Promise<H> {
  async function visit(node: object): Promise<void> {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null || value instanceof Uint8Array) {
        continue;
      }
      if (isPayload(value)) {
        const [decoded] = await testPayloadCodec.decode([value]);
        (node as Record<string, unknown>)[key] = decoded;
      } else {
        await visit(value);
      }
    }
  }
  await visit(history);
  return history;
}
