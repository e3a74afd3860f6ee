import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ALL_ROLES, COMMAND_RULES, Role, type CaseCommandType } from '@docket/domain';

const ALLOWED_ROLES = 'docket:allowed-roles';

/** The OpenAPI extension that carries an operation's roles, so the document says who may call it. */
export const ROLES_EXTENSION = 'x-docket-roles';

/**
 * Declares who may call a route: the roles that pass the gate. Every route that is not @Public()
 * must carry this (or one of the shorthands below); BearerAuthGuard answers 403 ROLE_NOT_PERMITTED
 * to any other role, and refuses a route that declares nothing. What the roles may then do on a
 * particular case (own agency, four eyes, stage) is decided by the service and the domain.
 */
export function AllowedRoles(...roles: readonly Role[]): MethodDecorator & ClassDecorator {
  const unique = [...new Set(roles)];
  return applyDecorators(SetMetadata(ALLOWED_ROLES, unique), ApiExtension(ROLES_EXTENSION, unique));
}

/** The roles that may issue one lifecycle command, as the rulebook's command table names them. */
export function CommandRoles(...types: readonly CaseCommandType[]): MethodDecorator & ClassDecorator {
  return AllowedRoles(...types.flatMap((type) => COMMAND_RULES[type].roles));
}

/**
 * The people who read cases: the agency's own staff and supervision staff (the service then limits
 * each to the agencies they may read). Admins manage the system and inspectors see only what is
 * transferred to them, so neither reads case files.
 */
export const CASE_READER_ROLES: readonly Role[] = [Role.Handler, Role.Reviewer, Role.Head, Role.HearingOfficer, Role.Auditor];

export function CaseReaders(): MethodDecorator & ClassDecorator {
  return AllowedRoles(...CASE_READER_ROLES);
}

/** Any signed-in role; the service still limits what each one sees. */
export function AnyRole(): MethodDecorator & ClassDecorator {
  return AllowedRoles(...ALL_ROLES);
}

/** The roles a route declared, or undefined when it declared none (refused by the guard). */
export function allowedRoles(reflector: Reflector, context: ExecutionContext): readonly Role[] | undefined {
  return reflector.getAllAndOverride<readonly Role[] | undefined>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]);
}
