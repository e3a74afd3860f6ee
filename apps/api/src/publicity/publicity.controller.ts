import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../identity/bearer-auth.guard';
import { PUBLIC_DECISIONS_DEFAULT_LIMIT, PublicDecisionPageDto, PublicDecisionsQueryDto } from './dtos/public-decision.dtos';
import { PublicityService, type PublicDecisionPage } from './publicity.service';

/** Read-only and unauthenticated: what any member of the public may see (APL 48, domain.md §6). */
@ApiTags('publicity')
@Public()
@Controller('public')
export class PublicityController {
  constructor(private readonly publicity: PublicityService) {}

  @Get('decisions')
  @ApiOperation({
    summary: 'Published decisions and their withdrawals (行政执法公示), newest first; no token needed',
    description:
      'Shows agency, case number, party, facts, legal basis, outcome, fine and dates. An individual party appears as ' +
      'surname and 某, and their name and resident ID numbers are masked in every text. A withdrawn decision stays ' +
      'listed with `withdrawn`. Pages by keyset: pass `nextCursor` back as `cursor`. 400 INVALID_INPUT naming the ' +
      'query field for a bad limit or cursor.',
  })
  @ApiOkResponse({
    type: PublicDecisionPageDto,
    example: {
      items: [
        {
          agencyId: 'sh-pudong-amr',
          caseNumber: 'sh-pudong-amr-2026-000123',
          party: { type: 'individual', name: '张某' },
          facts: '张某 sold twelve packs past their use-by date',
          legalBasis: 'FSL Art. 124(1)(3)',
          outcome: 'penalty',
          fine: 5000,
          decidedAt: '2026-04-01T02:00:00.000Z',
          publishedAt: '2026-04-03T02:00:00.000Z',
          withdrawn: { at: '2026-05-06T02:00:00.000Z', reason: 'Decision revoked on administrative reconsideration' },
        },
      ],
      nextCursor: null,
    },
  })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT with `field` naming limit, cursor or agencyId' })
  list(@Query() query: PublicDecisionsQueryDto): Promise<PublicDecisionPage> {
    return this.publicity.list({
      ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      limit: query.limit ?? PUBLIC_DECISIONS_DEFAULT_LIMIT,
    });
  }
}
