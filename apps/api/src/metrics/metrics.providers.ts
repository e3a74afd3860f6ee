import type { Provider } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';

/** One metrics registry per API application. */
export const metricsProviders: Provider[] = [{ provide: ApiMetrics, useFactory: () => new ApiMetrics() }];
