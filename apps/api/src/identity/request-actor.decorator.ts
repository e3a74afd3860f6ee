import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { isRole, type Actor } from '@docket/domain';
import type { Request } from 'express';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/**
 * Interim identity: the acting user, role and agency come from request headers set by the
 * agency's gateway. Bearer JWTs verified against the identity provider replace this (the API
 * issue); every handler already receives the actor through this one decorator.
 */
export const ACTOR_HEADERS = {
  userId: 'x-docket-user-id',
  role: 'x-docket-role',
  agencyId: 'x-docket-agency-id',
} as const;

const ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

function header(request: Request, name: string): string {
  const value = request.header(name);
  if (value === undefined || !ID_PATTERN.test(value)) {
    throw new ApiError(ApiErrorCode.Unauthenticated, `header ${name} must name the acting user's identity`, name);
  }
  return value;
}

export function actorFromRequest(request: Request): Actor {
  const role = header(request, ACTOR_HEADERS.role);
  if (!isRole(role)) {
    throw new ApiError(ApiErrorCode.Unauthenticated, `header ${ACTOR_HEADERS.role} names no Docket role`, ACTOR_HEADERS.role);
  }
  return { userId: header(request, ACTOR_HEADERS.userId), role, agencyId: header(request, ACTOR_HEADERS.agencyId) };
}

export const RequestActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor =>
  actorFromRequest(context.switchToHttp().getRequest<Request>()),
);
