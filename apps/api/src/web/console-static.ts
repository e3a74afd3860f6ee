import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem-details.filter';

/** Where the console lives: its paths never collide with the API's routes. */
export const CONSOLE_PREFIX = '/app';

/** The built console next to the API build: apps/api/dist/web → apps/web/dist. */
export function defaultConsoleDir(): string {
  return resolve(__dirname, '../../../web/dist');
}

/** The console's build directory when it holds a build (an index.html), else undefined. */
export function findConsoleBuild(configured: string | undefined): string | undefined {
  const dir = resolve(configured ?? defaultConsoleDir());
  return existsSync(join(dir, 'index.html')) && statSync(dir).isDirectory() ? dir : undefined;
}

function sendProblem(request: Request, response: Response, error: ApiError): void {
  const problem = toProblem(error, request.originalUrl);
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * Serves the web console at /app/ from its Vite build, outside Nest's router (so these are not API
 * routes: no guard, no OpenAPI). Hashed assets are cached for a year; index.html never, so a new
 * deployment is picked up on the next load. Any other GET under /app/ is a route of the single-page
 * app and answers index.html. `/` sends browsers to the console.
 */
export function serveConsole(app: NestExpressApplication, dir: string | undefined): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && (request.path === '/' || request.path === CONSOLE_PREFIX)) {
      response.redirect(302, `${CONSOLE_PREFIX}/`);
      return;
    }
    next();
  });
  if (dir === undefined) {
    app.use(CONSOLE_PREFIX, (request: Request, response: Response) => {
      sendProblem(
        request,
        response,
        new ApiError(ApiErrorCode.ConsoleNotBuilt, 'the web console was not built: run npm run build:web, or set WEB_DIST_DIR to its build'),
      );
    });
    return;
  }
  app.useStaticAssets(dir, {
    prefix: `${CONSOLE_PREFIX}/`,
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (response: Response, path: string) => {
      response.setHeader(
        'cache-control',
        path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const index = join(dir, 'index.html');
  app.use(CONSOLE_PREFIX, (request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      next();
      return;
    }
    // A missing hashed asset is a real 404, not the app: a stale page must not get HTML for its script.
    if (request.path.startsWith('/assets/')) {
      sendProblem(request, response, new ApiError(ApiErrorCode.RouteNotFound, 'no such file of the console'));
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
}
