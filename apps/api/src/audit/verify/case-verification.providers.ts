import type { Provider } from '@nestjs/common';
import { CaseSealRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { CaseVerificationService } from './case-verification.service';

/** Needs AgencyScopeService (registry), CaseRecordRepository (database) and HistoryReadLog. */
export const caseVerificationProviders: Provider[] = [
  { provide: CaseSealRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new CaseSealRepository(dataSource) },
  CaseVerificationService,
];
