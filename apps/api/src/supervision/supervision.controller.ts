import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '@docket/domain';
import { AllowedRoles } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { SupervisedAgencyDto, SupervisionFiguresDto, SupervisionFiguresQueryDto } from './dtos/supervision-figures.dtos';
import type { SupervisionFigures } from './supervision-figures';
import { SupervisionService, type SupervisedAgency } from './supervision.service';

const EXAMPLE: SupervisionFigures = {
  agencyId: 'sh-pudong-amr',
  period: { from: '2026-01-01', to: '2026-03-31', timeZone: 'Asia/Shanghai', startsAt: '2025-12-31T16:00:00.000Z', endsBefore: '2026-03-31T16:00:00.000Z' },
  clues: { registered: 40, filed: 30, notFiled: 6, filingRate: 0.8333 },
  casesByStage: {
    clue: 4, not_filed: 6, filed: 1, investigation: 7, suspended: 0, legal_review: 2, notice: 1, hearing: 0,
    collective_discussion: 0, decided: 0, service: 1, publicity: 0, execution: 3, closed: 2, archived: 13,
  },
  decisionsOnTime: { met: 18, missed: 2, onTimeRate: 0.9 },
  legalReviewTurnaround: { decided: 21, basis: 'calendar_hours', medianHours: 52.5, averageHours: 61.25, withinReviewPeriod: { met: 20, missed: 1, onTimeRate: 0.9524 } },
  reviewOutcomes: { approved: 17, returned: 2, changesProposed: 1, disapproved: 1 },
  publicityOnTime: { met: 9, missed: 1, onTimeRate: 0.9 },
  clueTransfers: { started: 3, awaitingApproval: 0, refused: 0, awaitingTransfer: 0, awaitingAcknowledgement: 1, awaitingFeedback: 1, feedbackReceived: 1 },
  divergentPenalties: {
    flagged: 1,
    cases: [
      {
        caseId: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11', violationCode: 'FSL-124-1-3', severity: 'ordinary', proposedOutcome: 'penalty',
        proposedFine: 90_000, benchmarkStatus: 'above_range', range: { min: 20_000, max: 60_000 }, decidedFine: 60_000, submittedAt: '2026-02-10T03:00:00.000Z',
      },
    ],
  },
  penaltyIncome: {
    current: 360_000, previous: 280_000, previousPeriod: { from: '2025-10-03', to: '2025-12-31' }, growth: 0.2857, threshold: 0.2, flagged: true,
    finesImposed: { decisions: 15, total: 412_000 },
  },
  complaintClosureRate: { recorded: false, reason: 'Docket records enforcement cases, not the handling of complaints (办结率): complaints closed without a case are not recorded' },
  followUpSatisfaction: { recorded: false, reason: 'Follow-up visits (回访) and their ratings are not recorded in Docket' },
  reconsiderationCorrectionRate: {
    recorded: false,
    reason: 'Docket records decisions later changed, revoked or held unlawful (counted below), but not the reconsiderations concluded, so the rate has no denominator',
    decisionsCorrected: { changed: 1, revoked: 0, heldUnlawful: 0 },
  },
  problemsFoundAndRectified: { recorded: false, reason: 'Problems found by supervision and their rectification are not recorded in Docket' },
};

/** 量化考核: what supervisors measure per agency and period (domain.md §7). Read-only. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('agencies')
  @AllowedRoles(Role.Auditor, Role.Head)
  @ApiOperation({
    summary: 'The agencies whose supervision figures the caller may see, with their names',
    description:
      'Exactly the agencies GET /supervision/figures accepts for the caller: a head their own agency; an auditor their own ' +
      'supervision body and every agency below it in the registry’s supervision tree. The caller’s own agency first, then by id.',
  })
  @ApiOkResponse({
    type: SupervisedAgencyDto,
    isArray: true,
    example: [
      { id: 'sh-justice', name: '上海市司法局', kind: 'supervision', own: true },
      { id: 'sh-pudong-amr', name: '上海市浦东新区市场监督管理局', kind: 'enforcement', own: false },
    ],
  })
  @ApiForbiddenResponse({ description: 'ROLE_NOT_PERMITTED for roles other than head and auditor' })
  agencies(@RequestActor() actor: Actor): Promise<SupervisedAgency[]> {
    return this.supervision.agencies(actor);
  }

  @Get('figures')
  @AllowedRoles(Role.Auditor, Role.Head)
  @ApiOperation({
    summary: 'Supervision figures (量化考核) of one agency for a period of China-time dates, both included',
    description:
      'Counted from Docket’s case record. Events count in the period when they happened, clocks when they were settled ' +
      '(met, or missed when the deadline passed), transfers when they started, payments on the date paid; cases by stage ' +
      'are as they stand now. Rates are four-decimal fractions, null when their denominator is zero. Figures the rulebook ' +
      'names that Docket does not record (complaint closure, follow-up satisfaction, reconsideration correction rate, ' +
      'problems rectified) come back as `{ recorded: false, reason }`. An auditor may ask for their own agency and every ' +
      'agency it supervises in the registry; a head for their own agency only (403 AGENCY_MISMATCH naming `agency` ' +
      'otherwise). 400 INVALID_INPUT naming agency, from or to for a missing or bad parameter, an end before the start or ' +
      'a period over 3660 days. See each field for its definition.',
  })
  @ApiOkResponse({ type: SupervisionFiguresDto, example: EXAMPLE })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT with `field` naming agency, from or to' })
  @ApiForbiddenResponse({ description: 'ROLE_NOT_PERMITTED for other roles; AGENCY_MISMATCH for an agency outside the actor’s scope' })
  figures(@Query() query: SupervisionFiguresQueryDto, @RequestActor() actor: Actor): Promise<SupervisionFigures> {
    return this.supervision.figures(actor, query);
  }
}
