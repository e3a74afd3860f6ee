import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { ApiProcessConfig } from '@docket/config';
import type { Request, Response } from 'express';
import { API_CONFIG } from '../api.tokens';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { Public } from '../identity/bearer-auth.guard';
import { bearerToken } from '../identity/token-verifier';
import { ApiMetrics } from './api-metrics';

const EXAMPLE = [
  '# HELP http_requests_total HTTP requests answered, by method, route template and status code',
  '# TYPE http_requests_total counter',
  'http_requests_total{method="POST",route="/cases/:caseId/decision",status="200"} 12',
  '# HELP docket_case_actions_total Case steps asked of the API, by step and outcome (accepted 2xx, refused 4xx, failed 5xx)',
  '# TYPE docket_case_actions_total counter',
  'docket_case_actions_total{action="decide_case",outcome="accepted"} 12',
  '',
].join('\n');

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Prometheus scraping. Not behind user tokens: a scraper is no user and has no role. The metrics
 * hold route templates, step names and process figures only, no personal data; a deployment that
 * still wants the endpoint closed sets METRICS_BEARER_TOKEN, and scrapers then present it.
 */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(ApiMetrics) private readonly metrics: ApiMetrics,
    @Inject(API_CONFIG) private readonly config: ApiProcessConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics of the API process (text exposition format)',
    description:
      'Default Node.js process metrics, `http_requests_total` and the `http_request_duration_seconds` histogram by ' +
      'method, route template (e.g. `/cases/:caseId/decision`; `unmatched` when no route matched) and status, and ' +
      '`docket_case_actions_total` by step and outcome. No case ids, users or parties appear in labels. Open to any ' +
      'caller unless METRICS_BEARER_TOKEN is configured; then `Authorization: Bearer <that token>` is required ' +
      '(user tokens are not accepted) and anything else is answered 401 UNAUTHENTICATED.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The metrics in Prometheus text format 0.0.4',
    content: { 'text/plain': { schema: { type: 'string' }, example: EXAMPLE } },
  })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: METRICS_BEARER_TOKEN is set and the request did not present it' })
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    this.authorize(request.header('authorization'));
    const { contentType, text } = await this.metrics.exposition();
    response.status(200).type(contentType).send(text);
  }

  private authorize(header: string | undefined): void {
    const expected = this.config.metrics.bearerToken;
    if (expected === undefined) {
      return;
    }
    let presented: string;
    try {
      presented = bearerToken(header);
    } catch {
      presented = '';
    }
    // Digests have equal lengths, so the comparison takes the same time whatever was presented.
    if (!timingSafeEqual(digest(presented), digest(expected))) {
      throw new ApiError(ApiErrorCode.Unauthenticated, 'the metrics endpoint needs its own bearer token (METRICS_BEARER_TOKEN)');
    }
  }
}
