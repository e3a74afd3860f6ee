import { DataSource } from 'typeorm';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseEntity } from './entities/case.entity';
import { AgencyPolicyEntity } from './entities/agency-policy.entity';
import { WorkingCalendarYearEntity } from './entities/working-calendar-year.entity';
import { CaseTransferEntity } from './entities/case-transfer.entity';
import { TransferEventEntity } from './entities/transfer-event.entity';
import { DiscretionBenchmarkEntity } from './entities/discretion-benchmark.entity';
import { CaseDeadlineEntity } from './entities/case-deadline.entity';
import { CaseParticipantEntity } from './entities/case-participant.entity';
import { IdempotencyRecordEntity } from './entities/idempotency-record.entity';
import { AgencyEntity } from './entities/agency.entity';
import { DocketUserEntity } from './entities/docket-user.entity';
import { UserAgencyRoleEntity } from './entities/user-agency-role.entity';
import { EnforcementCertificateEntity } from './entities/enforcement-certificate.entity';
import { AttachmentEntity } from './entities/attachment.entity';
import { AttachmentContentEntity } from './entities/attachment-content.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [CaseEntity, CaseEventEntity, AgencyPolicyEntity, WorkingCalendarYearEntity, CaseTransferEntity, TransferEventEntity, DiscretionBenchmarkEntity, CaseDeadlineEntity, CaseParticipantEntity, IdempotencyRecordEntity, AgencyEntity, DocketUserEntity, UserAgencyRoleEntity, EnforcementCertificateEntity, AttachmentEntity, AttachmentContentEntity];

/** Migrations are recorded in their own table so they never clash with another tool's. */
export const MIGRATIONS_TABLE = 'docket_migrations';

export interface DataSourceOptions {
  readonly url: string;
  /** Connections in the pool. */
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** A DataSource over Docket's schema. Schema changes come only from migrations, never synchronize. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Not 'error': TypeORM would print failing queries with their parameters, which hold personal data.
    logging: ['migration'],
    applicationName: options.applicationName ?? 'docket',
    extra: { max: options.poolSize ?? 10 },
  });
}

/** Applies every pending migration; returns the names of those applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'docket-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
