import type { Provider } from '@nestjs/common';
import { SupervisionRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { SupervisionService } from './supervision.service';

/** Needs AgencyScopeService from the registry's providers. */
export const supervisionProviders: Provider[] = [
  { provide: SupervisionRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new SupervisionRepository(dataSource) },
  SupervisionService,
];
