import type { PayloadCodec } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { docketDataConverter } from '@docket/payload-codec';

export interface CaseWorkerOptions {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  /** Every activity the workflows call, by name: the case record, policy and transfer activities. */
  readonly activities: WorkerOptions['activities'];
  /** A prebuilt bundle (production); without it the workflow code is bundled now (development, tests). */
  readonly workflowBundlePath?: string;
  readonly identity?: string;
  /**
   * Encrypts every payload the worker hands Temporal and decrypts what it reads (payload-codec).
   * The worker app always passes one (PAYLOAD_KEYS is required); only the golden-history recorder
   * leaves it out, so that the committed histories stay readable.
   */
  readonly payloadCodec?: PayloadCodec;
  /** How long a stopping worker waits for activities in flight before cancelling them (the SDK's default when absent). */
  readonly shutdownGraceMs?: number;
  /** Workflows kept in memory between tasks (the SDK's default, which grows with the heap, when absent). */
  readonly maxCachedWorkflows?: number;
}

/** The module that exports every workflow Docket runs; the bundler starts from here. */
export function workflowsPath(): string {
  return require.resolve('@docket/workflows');
}

/** The one place worker options are put together, for the worker app, tests and benchmarks alike. */
export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> =
    options.workflowBundlePath === undefined
      ? { workflowsPath: workflowsPath() }
      : { workflowBundle: { codePath: options.workflowBundlePath } };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.payloadCodec === undefined ? {} : { dataConverter: docketDataConverter(options.payloadCodec) }),
    ...workflowSource,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    ...(options.shutdownGraceMs === undefined ? {} : { shutdownGraceTime: options.shutdownGraceMs }),
    ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
  });
}
