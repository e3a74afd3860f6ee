import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ApiProcessConfig } from '@docket/config';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { UnsafeInputPipe } from './common/unsafe-input.pipe';
import { answerClientErrorsAsProblems, requireJsonBodies, verifyJsonBody } from './common/request-shape';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { validationErrorFactory } from './errors/validation-error.factory';
import { documentIdempotencyKey } from './idempotency/idempotency-key.openapi';
import { ApiMetrics } from './metrics/api-metrics';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { findConsoleBuild, serveConsole } from './web/console-static';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Docket API')
    .setDescription('Durable case workflows for administrative law enforcement and legal review')
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return documentIdempotencyKey(SwaggerModule.createDocument(app, config));
}

/** The API application, configured exactly as `main.ts` serves it. */
export async function createApiApp(config: ApiProcessConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger: config.logLevel === 'debug' ? ['debug', 'log', 'warn', 'error'] : ['log', 'warn', 'error'],
  });
  // First, so that every answer is counted, those refused before a route is reached included.
  app.use(httpMetricsMiddleware(app.get(ApiMetrics)));
  // Secure headers on every answer: no sniffing, no framing, HSTS, a same-origin CSP (enough for the
  // OpenAPI page, which loads its own scripts and styles); downloads set a stricter CSP themselves.
  // The console's scripts and styles are files of this origin; with OIDC sign-in it also calls the
  // provider (discovery and token exchange), whose origin the CSP must then allow.
  const oidcOrigin = config.signIn.oidc === undefined ? [] : [new URL(config.signIn.oidc.issuer).origin];
  app.use(
    helmet({
      crossOriginResourcePolicy: { policy: 'same-origin' },
      contentSecurityPolicy: { directives: { connectSrc: ["'self'", ...oidcOrigin] } },
    }),
  );
  // Closed unless origins are configured: without CORS headers, browsers refuse cross-origin calls.
  if (config.api.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.api.corsOrigins],
      methods: ['GET', 'POST', 'PUT'],
      // x-namespace: the Temporal UI sends it to the codec endpoint (/codec/decode) with every request.
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-docket-role', 'x-namespace'],
      exposedHeaders: ['location', 'etag', 'idempotency-replayed', 'content-disposition'],
      maxAge: 600,
    });
  }
  app.use(requireJsonBodies);
  // Typed without `verify` by Nest (it uses it for rawBody, which Docket does not turn on).
  const jsonOptions = { limit: config.api.bodyLimitBytes, verify: verifyJsonBody };
  app.useBodyParser('json', jsonOptions);
  answerClientErrorsAsProblems(app.getHttpServer());
  app.disable('x-powered-by');
  // The web console under /app, served by Express before Nest's routes: not an API route.
  serveConsole(app, findConsoleBuild(config.webDistDir));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new UnsafeInputPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationErrorFactory,
    }),
  );
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
