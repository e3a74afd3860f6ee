import type { PayloadCodec } from '@temporalio/common';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createCaseRecordActivities, createCaseSealActivities, createTransferRecordActivities } from '@docket/activities';
import { CaseRecordRepository, CaseSealRepository, TransferRecordRepository } from '@docket/persistence';
import { createCaseWorker } from '@docket/worker-runtime';
import { testPayloadCodec } from './payload-keys';

/** The bundle `npm run build` writes; tests run the code production runs, when it is there. */
const PREBUILT_BUNDLE = join(__dirname, '../../apps/worker/dist/workflow-bundle.js');

/** The key this harness's worker seals archived records with. */
export const HARNESS_SEAL_KEY = { id: 'harness-seal', secret: 'the-case-worker-harness-seal-key-32b+' } as const;

export interface RunningWorker {
  readonly worker: Worker;
  stop(): Promise<void>;
}

/** A real case worker with real activities against the test Postgres, polling its own task queue. */
export async function startCaseWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** Encrypts payloads as production does (the test key) unless 'plaintext' (the golden recorder only). */
  payloadCodec?: PayloadCodec | 'plaintext';
}): Promise<RunningWorker> {
  const payloadCodec = options.payloadCodec === 'plaintext' ? undefined : (options.payloadCodec ?? testPayloadCodec);
  const worker = await createCaseWorker({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: {
      ...createCaseRecordActivities({ caseRecords: new CaseRecordRepository(options.dataSource) }),
      ...createTransferRecordActivities({ transferRecords: new TransferRecordRepository(options.dataSource) }),
      ...createCaseSealActivities({ caseSeals: new CaseSealRepository(options.dataSource), sealKey: HARNESS_SEAL_KEY }),
    },
    ...(existsSync(PREBUILT_BUNDLE) ? { workflowBundlePath: PREBUILT_BUNDLE } : {}),
    ...(payloadCodec === undefined ? {} : { payloadCodec }),
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') {
        worker.shutdown();
      }
      await running;
    },
  };
}
