import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@docket/domain';
import { AllowedRoles } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import { CaseSearchQueryDto } from './dtos/case-search-query.dto';
import { CaseSearchPageDto } from './dtos/case-summary.dto';
import { CaseSearchService, type CaseSearchPage } from './case-search.service';

/** `GET /cases`: beside CaseController, which serves the single case under the same prefix. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'handler' })
@Controller('cases')
export class CaseSearchController {
  constructor(private readonly search: CaseSearchService) {}

  @Get()
  // Case staff and supervision; admins and inspectors have no access to case files.
  @AllowedRoles(Role.Handler, Role.Reviewer, Role.Head, Role.HearingOfficer, Role.Auditor)
  @ApiOperation({
    summary: 'Search cases: by stage, agency, handler, reviewer, violation code, overdue, dates and free text',
    description:
      'Staff see their own agency’s cases; auditors those of the agencies they supervise. Date bounds: `…From` is ' +
      'inclusive, `…To` exclusive; a bare date means 00:00 China time. `q` matches part of the case number or the ' +
      'party’s name. Pages by keyset: pass `nextCursor` back as `cursor` with the same filters and sort. 400 ' +
      'INVALID_INPUT names the query field at fault; 403 AGENCY_MISMATCH for an agency outside the caller’s reach.',
  })
  @ApiOkResponse({
    type: CaseSearchPageDto,
    example: {
      items: [
        {
          caseId: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10',
          caseNumber: 'sh-pudong-amr-2026-000123',
          agencyId: 'sh-pudong-amr',
          stage: 'investigation',
          violationCode: 'FSL-124-1-3',
          party: { type: 'organization', name: '上海某某食品有限公司' },
          registeredAt: '2026-03-02T01:30:00.000Z',
          filedAt: '2026-03-05T02:00:00.000Z',
          decidedAt: null,
          overdue: false,
          handlers: ['handler-li', 'handler-chen'],
          reviewer: null,
        },
      ],
      nextCursor: 'eyJzIjoiLXJlZ2lzdGVyZWRBdCIsImsiOiIyMDI2LTAzLTAyIDAxOjMwOjAwKzAwIiwiaWQiOiIwYjZmNmE0ZS04YzFiLTRkNTktOWE1MS02ZDBlN2QyZDhhMTAifQ',
    },
  })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT with `field` naming the query parameter (stage, limit, cursor, registeredFrom, …)' })
  @ApiForbiddenResponse({ description: 'ROLE_NOT_PERMITTED for admin and inspector; AGENCY_MISMATCH for an agency the caller may not read' })
  list(@Query() query: CaseSearchQueryDto, @RequestActor() actor: Actor): Promise<CaseSearchPage> {
    return this.search.search(query, actor);
  }
}
