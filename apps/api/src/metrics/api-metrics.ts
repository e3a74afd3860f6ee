import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type CaseActionOutcome = 'accepted' | 'refused' | 'failed';

/**
 * The API's Prometheus metrics, in a registry of its own rather than prom-client's global one, so
 * that two applications in one process (tests) never register a metric twice. Labels are route
 * templates and step names only: never a case id, a user or a party.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its answer, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly caseActions = new Counter({
    name: 'docket_case_actions_total',
    help: 'Case steps asked of the API, by step and outcome (accepted 2xx, refused 4xx, failed 5xx)',
    labelNames: ['action', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    const values = { method: labels.method, route: labels.route, status: String(labels.status) };
    this.httpRequests.inc(values);
    this.httpDuration.observe(values, seconds);
  }

  countCaseAction(action: string, outcome: CaseActionOutcome): void {
    this.caseActions.inc({ action, outcome });
  }

  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
