import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ApiProcessConfig } from '@docket/config';
import { AdminController } from './admin/admin.controller';
import { AdminService } from './admin/admin.service';
import { CasePolicyNotifier } from './admin/case-policy.notifier';
import { API_CONFIG } from './api.tokens';
import { CaseController } from './cases/case.controller';
import { CaseService } from './cases/case.service';
import { databaseProviders } from './database/database.providers';
import { TransferController } from './transfers/transfer.controller';
import { TransferService } from './transfers/transfer.service';
import { HealthController } from './health/health.controller';
import { BearerAuthGuard } from './identity/bearer-auth.guard';
import { idempotencyProviders } from './idempotency/idempotency.providers';
import { PublicityController } from './publicity/publicity.controller';
import { PublicityService } from './publicity/publicity.service';
import { TemporalConnectionCloser, temporalClientProvider } from './temporal/temporal-client.provider';

@Module({})
export class AppModule {
  static forConfig(config: ApiProcessConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, CaseController, TransferController, AdminController, PublicityController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        temporalClientProvider,
        TemporalConnectionCloser,
        CaseService,
        TransferService,
        ...databaseProviders,
        ...idempotencyProviders,
        CasePolicyNotifier,
        AdminService,
        PublicityService,
      ],
    };
  }
}
