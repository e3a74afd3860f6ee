import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { WorkerProcessConfig } from '@docket/config';
import type { ReplayJobActivities } from '@docket/contracts';
import { payloadCodecFor } from '@docket/payload-codec';
import { ReplayJobRepository } from '@docket/persistence';
import { caseHistories, createReplayJobActivities, replayWorkflowBundle } from '@docket/worker-runtime';
import { DataSource } from 'typeorm';
import { WORKER_CONFIG } from '../worker.tokens';

/** Replay workers side by side within one batch: the machine's cores are shared with the case work. */
const REPLAY_CONCURRENCY = 2;

/**
 * The replay job's activities on the case worker: histories are read with a Temporal client of
 * their own, and replayed against the very workflow code this worker runs (its prebuilt bundle).
 */
@Injectable()
export class ReplayJobActivitiesProvider implements OnApplicationShutdown {
  private connection?: Promise<Connection>;
  private bundle?: Promise<WorkflowBundleOption>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerProcessConfig,
    @Inject(ReplayJobRepository) private readonly replayJobs: ReplayJobRepository,
  ) {}

  activities(): ReplayJobActivities {
    const { address, namespace } = this.config.temporal;
    return createReplayJobActivities({
      store: this.replayJobs,
      caseHistories: async (caseId) => {
        this.connection ??= Connection.connect({ address });
        return caseHistories(new Client({ connection: await this.connection, namespace }), caseId);
      },
      workflowBundle: () => {
        const { workflowBundlePath } = this.config.worker;
        this.bundle ??= replayWorkflowBundle(workflowBundlePath === undefined ? {} : { workflowBundlePath });
        return this.bundle;
      },
      concurrency: REPLAY_CONCURRENCY,
      payloadCodec: payloadCodecFor(this.config.payloadEncryption),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await (await this.connection)?.close();
  }
}

export const replayJobProviders: Provider[] = [
  { provide: ReplayJobRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new ReplayJobRepository(dataSource) },
  ReplayJobActivitiesProvider,
];
