import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@docket/domain';
import type { Request } from 'express';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/**
 * The acting user, role and agency, from the bearer token that BearerAuthGuard verified. Nothing
 * else in a request names an identity: the token is the only source.
 */
const ACTORS = new WeakMap<Request, Actor>();

export function attachActor(request: Request, actor: Actor): void {
  ACTORS.set(request, actor);
}

export function actorFromRequest(request: Request): Actor {
  const actor = ACTORS.get(request);
  if (actor === undefined) {
    // Only a route marked @Public() gets here without a verified token; it must not ask for an actor.
    throw new ApiError(ApiErrorCode.Unauthenticated, 'send an Authorization: Bearer <token> header');
  }
  return actor;
}

export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor =>
  actorFromRequest(context.switchToHttp().getRequest<Request>()),
);
