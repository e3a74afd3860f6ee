import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApiMetrics } from './api-metrics';
import { actionOutcome, caseActionOf, routeTemplate } from './metric-labels';

/**
 * Counts and times every answer, the ones refused by the guard or matched by no route included.
 * It runs before routing, so the route template and its parameters are read when the answer is
 * finished, by which time Express has matched the route.
 */
export function httpMetricsMiddleware(metrics: ApiMetrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(request.baseUrl, (request.route as { path?: unknown } | undefined)?.path);
      metrics.observeRequest({ method: request.method, route, status: response.statusCode }, seconds);
      const action = caseActionOf(request.method, route, request.params ?? {});
      if (action !== undefined) {
        metrics.countCaseAction(action, actionOutcome(response.statusCode));
      }
    });
    next();
  };
}
