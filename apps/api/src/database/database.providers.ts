import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { ApiProcessConfig } from '@docket/config';
import { CaseRecordRepository, PolicyRepository, PublicityRepository, createDataSource } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { API_CONFIG } from '../api.tokens';

/** Closes the database pool when the API stops. */
@Injectable()
export class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy();
    }
  }
}

/**
 * The API's connection to Docket's database. It reads and writes only what admins manage and what
 * the projection says about running cases; the case record itself is written by the worker.
 */
export const databaseProviders: Provider[] = [
  {
    provide: DataSource,
    inject: [API_CONFIG],
    useFactory: (config: ApiProcessConfig): Promise<DataSource> =>
      createDataSource({ url: config.database.url, poolSize: 5, applicationName: 'docket-api' }).initialize(),
  },
  DataSourceCloser,
  { provide: PolicyRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new PolicyRepository(dataSource) },
  { provide: CaseRecordRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new CaseRecordRepository(dataSource) },
  { provide: PublicityRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new PublicityRepository(dataSource) },
];
