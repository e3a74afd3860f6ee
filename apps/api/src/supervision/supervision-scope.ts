import { DomainError, DomainErrorCode, type Actor } from '@docket/domain';
import type { AgencyScopeService } from '../registry/agency-scope.service';

/**
 * The one place that decides whose figures an actor may see: a head those of their own agency, an
 * auditor those of their own agency and of every agency it supervises in the registry.
 */
export async function assertMaySupervise(actor: Actor, agencyId: string, scope: AgencyScopeService): Promise<void> {
  const readable = await scope.readableAgencyIds(actor);
  if (!readable.includes(agencyId)) {
    throw new DomainError(
      DomainErrorCode.AgencyMismatch,
      `agency: ${actor.role} ${actor.userId} does not supervise agency ${agencyId}`,
      'agency',
    );
  }
}
