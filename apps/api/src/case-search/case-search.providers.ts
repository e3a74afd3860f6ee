import type { Provider } from '@nestjs/common';
import { CaseNumberRepository, CaseSearchRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { CaseNumberService } from './case-number.service';
import { CaseSearchService } from './case-search.service';

/** Case search and case-number allocation, for the application module. */
export const caseSearchProviders: Provider[] = [
  { provide: CaseSearchRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new CaseSearchRepository(dataSource) },
  { provide: CaseNumberRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new CaseNumberRepository(dataSource) },
  CaseSearchService,
  CaseNumberService,
];
