import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createBareActivities } from './bare.activities';

export interface BareWorker {
  readonly taskQueue: string;
  readonly bundleSeconds: number;
  stop(): Promise<void>;
}

const noop = (): void => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/**
 * The bare workflow bundled and run by a Worker in this process, on a task queue of its own, against
 * the same Temporal server as Docket; SDK defaults for everything else.
 */
export async function startBareWorker(address: string, namespace: string): Promise<BareWorker> {
  const startedAt = Date.now();
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-lifecycle.workflow'), logger: quietLogger });
  const bundleSeconds = (Date.now() - startedAt) / 1000;
  const connection = await NativeConnection.connect({ address });
  const taskQueue = `bench-bare-${process.pid}`;
  const worker = await Worker.create({ connection, namespace, taskQueue, workflowBundle: { code }, activities: createBareActivities() });
  const running = worker.run();
  return {
    taskQueue,
    bundleSeconds,
    async stop() {
      worker.shutdown();
      try {
        await running;
      } finally {
        await connection.close();
      }
    },
  };
}
