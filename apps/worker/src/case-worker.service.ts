import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { WorkerProcessConfig } from '@docket/config';
import { createCaseRecordActivities, createCaseSealActivities, createTransferRecordActivities } from '@docket/activities';
import { CaseRecordRepository, CaseSealRepository, TransferRecordRepository } from '@docket/persistence';
import { payloadCodecFor } from '@docket/payload-codec';
import { createCaseWorker } from '@docket/worker-runtime';
import { ReplayJobActivitiesProvider } from './replay/replay-job-activities.provider';
import { WORKER_CONFIG } from './worker.tokens';

/** Runs the case worker until the process is asked to stop. */
@Injectable()
export class CaseWorkerService implements OnApplicationShutdown {
  private readonly logger = new Logger(CaseWorkerService.name);
  private connection?: NativeConnection;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: WorkerProcessConfig,
    private readonly caseRecords: CaseRecordRepository,
    private readonly transferRecords: TransferRecordRepository,
    private readonly caseSeals: CaseSealRepository,
    private readonly replayJobs: ReplayJobActivitiesProvider,
  ) {}

  /** Resolves when the worker has shut down (SIGINT or SIGTERM, handled by the Temporal runtime). */
  async run(): Promise<void> {
    const { temporal, worker: workerConfig } = this.config;
    this.connection = await NativeConnection.connect({ address: temporal.address });
    const worker: Worker = await createCaseWorker({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      activities: {
        ...createCaseRecordActivities({ caseRecords: this.caseRecords }),
        ...createTransferRecordActivities({ transferRecords: this.transferRecords }),
        ...createCaseSealActivities({
          caseSeals: this.caseSeals,
          sealKey: { id: this.config.auditSeal.keyId, secret: this.config.auditSeal.key },
        }),
        ...this.replayJobs.activities(),
      },
      ...(workerConfig.workflowBundlePath === undefined ? {} : { workflowBundlePath: workerConfig.workflowBundlePath }),
      shutdownGraceMs: workerConfig.shutdownGraceMs,
      maxCachedWorkflows: workerConfig.maxCachedWorkflows,
      payloadCodec: payloadCodecFor(this.config.payloadEncryption),
    });
    this.logger.log(`polling task queue ${temporal.taskQueue} on ${temporal.address} (namespace ${temporal.namespace})`);
    await worker.run();
    this.logger.log('worker stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
