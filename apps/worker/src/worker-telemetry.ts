import { Logger } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import type { WorkerMetricsConfig } from '@docket/config';

let installed = false;

/**
 * Serves the Temporal core's own metrics (task polls, workflow and activity completions, request
 * latencies) in Prometheus text format on `bindAddress`/metrics. It is the core's HTTP server, not
 * a Nest one: the worker still opens no application port. The runtime is a per-process singleton
 * that must be installed before any connection or worker exists, and only once, hence the guard.
 */
export function installWorkerTelemetry(config: WorkerMetricsConfig): void {
  if (installed || config.bindAddress === undefined) {
    return;
  }
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: config.bindAddress } } } });
  installed = true;
  new Logger('WorkerTelemetry').log(`serving Temporal metrics at http://${config.bindAddress}/metrics`);
}
