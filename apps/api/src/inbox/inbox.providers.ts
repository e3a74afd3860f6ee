import type { Provider } from '@nestjs/common';
import { WorkQueueRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';

export const inboxProviders: Provider[] = [
  { provide: WorkQueueRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new WorkQueueRepository(dataSource) },
];
