import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@docket/domain';
import { IdentityRegistryRepository, SupervisionRepository, type AgencyKind } from '@docket/persistence';
import { AgencyScopeService } from '../registry/agency-scope.service';
import { supervisionFigures, type SupervisionFigures } from './supervision-figures';
import { resolvePeriod } from './supervision-period';
import { assertMaySupervise } from './supervision-scope';

export interface SupervisedAgency {
  readonly id: string;
  readonly name: string;
  readonly kind: AgencyKind;
  /** The caller's own agency, as against one it supervises. */
  readonly own: boolean;
}

/** The figures supervisors measure (量化考核, domain.md §7), per agency and period. */
@Injectable()
export class SupervisionService {
  constructor(
    @Inject(SupervisionRepository) private readonly supervision: SupervisionRepository,
    @Inject(AgencyScopeService) private readonly scope: AgencyScopeService,
    @Inject(IdentityRegistryRepository) private readonly registry: IdentityRegistryRepository,
  ) {}

  /** The agencies whose figures the actor may ask for (exactly those `figures` accepts), their own first. */
  async agencies(actor: Actor): Promise<SupervisedAgency[]> {
    const agencies = await this.registry.findAgencies(await this.scope.readableAgencyIds(actor));
    return agencies.map((agency) => ({ id: agency.id, name: agency.name, kind: agency.kind, own: agency.id === actor.agencyId }));
  }

  async figures(actor: Actor, query: { agency: string; from: string; to: string }): Promise<SupervisionFigures> {
    const period = resolvePeriod(query);
    await assertMaySupervise(actor, query.agency, this.scope);
    const counts = await this.supervision.counts({
      agencyId: query.agency,
      startsAt: period.startsAt,
      endsBefore: period.endsBefore,
      previousStartsAt: period.previous.startsAt,
    });
    return supervisionFigures(query.agency, period, counts);
  }
}
