import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ApiProcessConfig } from '@docket/config';
import { AdminController } from './admin/admin.controller';
import { AdminService } from './admin/admin.service';
import { CasePolicyNotifier } from './admin/case-policy.notifier';
import { API_CONFIG } from './api.tokens';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { AttachmentController } from './attachments/attachment.controller';
import { attachmentProviders } from './attachments/attachments.providers';
import { CaseSearchController } from './case-search/case-search.controller';
import { caseSearchProviders } from './case-search/case-search.providers';
import { CaseController } from './cases/case.controller';
import { CaseService } from './cases/case.service';
import { databaseProviders } from './database/database.providers';
import { TransferController } from './transfers/transfer.controller';
import { TransferService } from './transfers/transfer.service';
import { HealthController } from './health/health.controller';
import { BearerAuthGuard } from './identity/bearer-auth.guard';
import { InboxController } from './inbox/inbox.controller';
import { inboxProviders } from './inbox/inbox.providers';
import { InboxService } from './inbox/inbox.service';
import { MetricsController } from './metrics/metrics.controller';
import { metricsProviders } from './metrics/metrics.providers';
import { idempotencyProviders } from './idempotency/idempotency.providers';
import { PublicityController } from './publicity/publicity.controller';
import { PublicityService } from './publicity/publicity.service';
import { RegistryController } from './registry/registry.controller';
import { registryProviders } from './registry/registry.providers';
import { SupervisionController } from './supervision/supervision.controller';
import { supervisionProviders } from './supervision/supervision.providers';
import { TemporalConnectionCloser, temporalClientProvider } from './temporal/temporal-client.provider';
import { CodecController } from './codec/codec.controller';
import { CodecService } from './codec/codec.service';
import { payloadCodecProvider } from './codec/payload-codec.provider';
import { CaseHistoryController } from './audit/history/case-history.controller';
import { CaseHistoryService } from './audit/history/case-history.service';
import { CaseTimelineController } from './audit/timeline/case-timeline.controller';
import { CaseTimelineService } from './audit/timeline/case-timeline.service';
import { historyReadLogProviders } from './audit/history-read-log.service';
import { CaseVerificationController } from './audit/verify/case-verification.controller';
import { caseVerificationProviders } from './audit/verify/case-verification.providers';
import { ReplayJobController } from './audit/replays/replay-job.controller';
import { replayJobProviders } from './audit/replays/replay-job.service';

@Module({})
export class AppModule {
  static forConfig(config: ApiProcessConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, AuthController, CaseController, TransferController, AdminController, PublicityController, RegistryController, InboxController, CaseSearchController, AttachmentController, SupervisionController, MetricsController, CaseHistoryController, CaseTimelineController, CaseVerificationController, ReplayJobController, CodecController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        temporalClientProvider,
        payloadCodecProvider,
        CodecService,
        TemporalConnectionCloser,
        CaseService,
        AuthService,
        TransferService,
        ...databaseProviders,
        ...idempotencyProviders,
        CasePolicyNotifier,
        AdminService,
        PublicityService,
        ...inboxProviders,
        InboxService,
        ...registryProviders,
        ...caseSearchProviders,
        ...attachmentProviders,
        ...supervisionProviders,
        ...metricsProviders,
        CaseHistoryService,
        CaseTimelineService,
        ...historyReadLogProviders,
        ...caseVerificationProviders,
        ...replayJobProviders,
      ],
    };
  }
}
