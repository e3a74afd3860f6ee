import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@docket/domain';
import { SupervisionRepository } from '@docket/persistence';
import { AgencyScopeService } from '../registry/agency-scope.service';
import { supervisionFigures, type SupervisionFigures } from './supervision-figures';
import { resolvePeriod } from './supervision-period';
import { assertMaySupervise } from './supervision-scope';

/** The figures supervisors measure (量化考核, domain.md §7), per agency and period. */
@Injectable()
export class SupervisionService {
  constructor(
    @Inject(SupervisionRepository) private readonly supervision: SupervisionRepository,
    @Inject(AgencyScopeService) private readonly scope: AgencyScopeService,
  ) {}

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
