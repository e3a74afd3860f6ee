import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiProcessConfig } from '@docket/config';
import type { Request } from 'express';
import { DomainError, DomainErrorCode } from '@docket/domain';
import { API_CONFIG } from '../api.tokens';
import { RegisteredActorService } from '../registry/registered-actor.service';
import { allowedRoles } from './allowed-roles.decorator';
import { attachActor } from './request-actor.decorator';
import { actorFromClaims, ROLE_HEADER } from './token-claims';
import { bearerToken, TokenVerifier } from './token-verifier';

const PUBLIC_ROUTE = 'docket:public-route';

/** Marks a controller or handler that answers without a token (health checks). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Whether the route being handled was marked @Public(). */
export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

/**
 * Every route needs a verified bearer token unless marked @Public(), and the acting role must be
 * one the route declared with @AllowedRoles (a route that declared none is refused to everyone:
 * deny by default). Then Docket's registry must let the user act in that role at that agency
 * (registered, active, role granted there, and a handler with a valid certificate), except for
 * admins, whom the identity provider vouches for. The actor is kept on the request for the
 * services' own checks.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly verifier: TokenVerifier;

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(API_CONFIG) config: ApiProcessConfig,
    @Inject(RegisteredActorService) private readonly registeredActors: RegisteredActorService,
  ) {
    this.verifier = new TokenVerifier(config.auth);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isPublicRoute(this.reflector, context)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const claims = await this.verifier.verify(bearerToken(request.header('authorization')));
    const actor = actorFromClaims(claims, request.header(ROLE_HEADER));
    const roles = allowedRoles(this.reflector, context) ?? [];
    if (!roles.includes(actor.role)) {
      throw new DomainError(
        DomainErrorCode.RoleNotPermitted,
        roles.length === 0 ? 'this route is open to no role' : `role ${actor.role} may not call this route; it is for ${roles.join(', ')}`,
      );
    }
    // Only after the route's roles: a role the route refuses anyway is answered ROLE_NOT_PERMITTED.
    await this.registeredActors.assertMayAct(actor);
    attachActor(request, actor);
    return true;
  }
}
