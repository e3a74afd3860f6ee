import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyRecordRepository, ProcessLivenessLock } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** Releases this process's liveness lock when the API stops (a crash releases it too, with the connection). */
@Injectable()
export class ProcessLivenessLockReleaser implements OnApplicationShutdown {
  constructor(@Inject(ProcessLivenessLock) private readonly lock: ProcessLivenessLock) {}

  async onApplicationShutdown(): Promise<void> {
    await this.lock.release();
  }
}

/**
 * The Idempotency-Key interceptor, applied to every route, and its repository. Claims carry this
 * process's liveness lock, so a retry after a crash of the API is handled at once.
 */
export const idempotencyProviders: Provider[] = [
  { provide: ProcessLivenessLock, inject: [DataSource], useFactory: (dataSource: DataSource) => ProcessLivenessLock.acquire(dataSource) },
  ProcessLivenessLockReleaser,
  {
    provide: IdempotencyRecordRepository,
    inject: [DataSource, ProcessLivenessLock],
    useFactory: (dataSource: DataSource, lock: ProcessLivenessLock) => new IdempotencyRecordRepository(dataSource, lock.id),
  },
  { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
];
