import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CASE_COMMAND_TYPES,
  Role,
  type Actor,
  type CaseCommandPayload,
  type CaseState,
} from '@docket/domain';
import type { Response } from 'express';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import {
  AssignHandlersDto,
  CaseClosingDto,
  CaseDecisionDto,
  FilingDecisionDto,
  InvestigationReportDto,
  LegalReviewDecisionDto,
  NoticeClosingDto,
} from './dtos/case-action.dtos';
import { CaseStateDto } from './dtos/case-state.dto';
import { RegisterCaseDto } from './dtos/register-case.dto';
import { splitExpectedVersion } from '../common/action-body';
import { CaseService } from './case.service';
import { AllowedRoles, CaseReaders, CommandRoles } from '../identity/allowed-roles.decorator';
import { toActionName, toCommandType } from '../common/case-action-names';

const caseIdPipe = new ParseUUIDPipe({ version: undefined });



@ApiTags('cases')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'handler' })
@Controller('cases')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @Post()
  @AllowedRoles(Role.Handler)
  @ApiOperation({ summary: 'Register a clue as a new case (线索登记); a handler of the agency registers it' })
  @ApiCreatedResponse({ type: CaseStateDto, description: 'Created; 200 when the same case id was already registered with the same content' })
  async register(
    @Body() body: RegisterCaseDto,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseState> {
    const { created, state } = await this.cases.register(body, actor);
    response.status(created ? 201 : 200).location(`/cases/${state.caseId}`);
    return state;
  }

  @Get(':caseId')
  @CaseReaders()
  @ApiOperation({ summary: 'The case as it stands now; for its own agency and for supervision staff' })
  @ApiOkResponse({ type: CaseStateDto })
  get(@Param('caseId', caseIdPipe) caseId: string, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.read(caseId, actor);
  }

  @Get(':caseId/actions')
  @CaseReaders()
  @ApiOperation({ summary: 'The steps the calling user may take on the case now' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string', enum: CASE_COMMAND_TYPES.map(toActionName) }, example: ['close-notice', 'request-hearing'] } })
  async actions(@Param('caseId', caseIdPipe) caseId: string, @RequestActor() actor: Actor): Promise<string[]> {
    return (await this.cases.availableActions(caseId, actor)).map(toActionName);
  }

  @Post(':caseId/actions/:action')
  @HttpCode(200)
  @CommandRoles(...CASE_COMMAND_TYPES)
  @ApiOperation({
    summary: 'Take any step of the lifecycle by name (suspend-case, request-hearing, record-service, record-payment, archive-case, …)',
    description:
      'The body carries the step’s fields and optionally expectedVersion; the workflow’s validator checks role, stage, ' +
      'rules and every field, and names the field at fault. The dedicated routes above do the same for the common steps.',
  })
  @ApiParam({ name: 'action', enum: CASE_COMMAND_TYPES.map(toActionName) })
  @ApiBody({ schema: { type: 'object', example: { reason: 'awaiting laboratory testing', expectedVersion: 4 } } })
  @ApiOkResponse({ type: CaseStateDto })
  act(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('action') action: string,
    @Body() body: Record<string, unknown>,
    @RequestActor() actor: Actor,
  ): Promise<CaseState> {
    const type = toCommandType(action);
    const { payload, expectedVersion } = splitExpectedVersion(body);
    return this.cases.act(caseId, type, actor, {
      ...(payload as unknown as CaseCommandPayload<typeof type>),
      ...(expectedVersion === undefined ? {} : { expectedVersion }),
    });
  }

  @Post(':caseId/filing/approve')
  @HttpCode(200)
  @CommandRoles('approve_filing')
  @ApiOperation({ summary: 'The head approves filing (立案, APL 54); starts the 90-day decision clock' })
  @ApiOkResponse({ type: CaseStateDto })
  approveFiling(@Param('caseId', caseIdPipe) caseId: string, @Body() body: FilingDecisionDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'approve_filing', actor, body);
  }

  @Post(':caseId/filing/decline')
  @HttpCode(200)
  @CommandRoles('decline_filing')
  @ApiOperation({ summary: 'The head declines to file (不予立案), with reasons; the case ends' })
  @ApiOkResponse({ type: CaseStateDto })
  declineFiling(@Param('caseId', caseIdPipe) caseId: string, @Body() body: FilingDecisionDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'decline_filing', actor, body);
  }

  @Post(':caseId/handlers')
  @HttpCode(200)
  @CommandRoles('assign_handlers')
  @ApiOperation({
    summary: 'The head assigns at least two certified handlers (APL 42, 55); investigation starts',
    description:
      'Name the handlers; each one’s certificate is taken from the registry. 422 HANDLER_NOT_CERTIFIED naming handlers[i].userId ' +
      'for one who is not an active handler of the case’s agency with a certificate valid now; 422 CERTIFICATE_MISMATCH when a ' +
      'certificate sent differs from the registry’s.',
  })
  @ApiOkResponse({ type: CaseStateDto })
  assignHandlers(@Param('caseId', caseIdPipe) caseId: string, @Body() body: AssignHandlersDto, @RequestActor() actor: Actor): Promise<CaseState> {
    // The certificates the body may leave out are filled from the registry by the service.
    return this.cases.act(caseId, 'assign_handlers', actor, body as CaseCommandPayload<'assign_handlers'> & { expectedVersion?: number });
  }

  @Post(':caseId/investigation-report')
  @HttpCode(200)
  @CommandRoles('submit_investigation_report')
  @ApiOperation({ summary: 'An assigned handler submits the investigation report (调查终结报告); legal review starts' })
  @ApiOkResponse({ type: CaseStateDto })
  submitReport(@Param('caseId', caseIdPipe) caseId: string, @Body() body: InvestigationReportDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'submit_investigation_report', actor, body);
  }

  @Post(':caseId/legal-review')
  @HttpCode(200)
  @CommandRoles('decide_legal_review')
  @ApiOperation({ summary: 'A reviewer who is not a handler approves or returns the case (法制审核, APL 58)' })
  @ApiOkResponse({ type: CaseStateDto })
  decideLegalReview(@Param('caseId', caseIdPipe) caseId: string, @Body() body: LegalReviewDecisionDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'decide_legal_review', actor, body);
  }

  @Post(':caseId/notice/close')
  @HttpCode(200)
  @CommandRoles('close_notice')
  @ApiOperation({ summary: 'A handler records the party’s statement or waiver (陈述申辩, APL 44, 45)' })
  @ApiOkResponse({ type: CaseStateDto })
  closeNotice(@Param('caseId', caseIdPipe) caseId: string, @Body() body: NoticeClosingDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'close_notice', actor, body);
  }

  @Post(':caseId/decision')
  @HttpCode(200)
  @CommandRoles('decide_case')
  @ApiOperation({ summary: 'The head decides (决定, APL 57); needs an approved review and a closed notice' })
  @ApiOkResponse({ type: CaseStateDto })
  decide(@Param('caseId', caseIdPipe) caseId: string, @Body() body: CaseDecisionDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'decide_case', actor, body);
  }

  @Post(':caseId/closing')
  @HttpCode(200)
  @CommandRoles('close_case')
  @ApiOperation({ summary: 'The head approves closing (结案); the workflow ends' })
  @ApiOkResponse({ type: CaseStateDto })
  close(@Param('caseId', caseIdPipe) caseId: string, @Body() body: CaseClosingDto, @RequestActor() actor: Actor): Promise<CaseState> {
    return this.cases.act(caseId, 'close_case', actor, body);
  }
}
