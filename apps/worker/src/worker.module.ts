import { Module, type DynamicModule } from '@nestjs/common';
import type { WorkerProcessConfig } from '@docket/config';
import { CaseRecordRepository, CaseSealRepository, TransferRecordRepository, createDataSource } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { CaseWorkerService } from './case-worker.service';
import { replayJobProviders } from './replay/replay-job-activities.provider';
import { WORKER_CONFIG } from './worker.tokens';

@Module({})
export class WorkerModule {
  static forConfig(config: WorkerProcessConfig): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () =>
            createDataSource({ url: config.database.url, applicationName: 'docket-worker' }).initialize(),
        },
        { provide: CaseRecordRepository, useFactory: (dataSource: DataSource) => new CaseRecordRepository(dataSource), inject: [DataSource] },
        {
          provide: TransferRecordRepository,
          useFactory: (dataSource: DataSource) => new TransferRecordRepository(dataSource),
          inject: [DataSource],
        },
        { provide: CaseSealRepository, useFactory: (dataSource: DataSource) => new CaseSealRepository(dataSource), inject: [DataSource] },
        ...replayJobProviders,
        CaseWorkerService,
      ],
    };
  }
}
