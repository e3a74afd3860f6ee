import type { Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyRecordRepository } from '@docket/persistence';
import { DataSource } from 'typeorm';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** The Idempotency-Key interceptor, applied to every route, and its repository. */
export const idempotencyProviders: Provider[] = [
  { provide: IdempotencyRecordRepository, inject: [DataSource], useFactory: (dataSource: DataSource) => new IdempotencyRecordRepository(dataSource) },
  { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
];
