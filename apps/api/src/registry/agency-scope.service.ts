import { Inject, Injectable } from '@nestjs/common';
import { Role, type Actor } from '@docket/domain';
import { IdentityRegistryRepository } from '@docket/persistence';

/**
 * The agencies whose cases an actor may read: their own, and for an auditor (执法监督) also every
 * agency their agency supervises, directly or down the `supervisedBy` chain. For case reads, search
 * and inboxes alike; pass the answer to the domain's canReadCase.
 */
@Injectable()
export class AgencyScopeService {
  constructor(@Inject(IdentityRegistryRepository) private readonly registry: IdentityRegistryRepository) {}

  async readableAgencyIds(actor: Actor): Promise<string[]> {
    if (actor.role !== Role.Auditor) {
      return [actor.agencyId];
    }
    return [actor.agencyId, ...(await this.registry.supervisedAgencyIds(actor.agencyId))];
  }
}
