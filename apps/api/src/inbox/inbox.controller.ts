import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CASE_COMMAND_TYPES, Role, type Actor } from '@docket/domain';
import { AllowedRoles } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import { AssignWorkDto, InboxItemDto, InboxPageDto, InboxQueryDto } from './dtos/inbox.dtos';
import { toActionName } from '../common/case-action-names';
import { InboxService } from './inbox.service';

const caseIdPipe = new ParseUUIDPipe({ version: undefined });
/** Claiming and releasing take no fields: the path names the work, the token the person. */
const NO_BODY = { required: false, description: 'no fields', schema: { type: 'object', example: {} } } as const;

const ACTION_PARAM = { name: 'action', enum: CASE_COMMAND_TYPES.map(toActionName), example: 'decide-legal-review' };

/** The people work waits for; supervision staff see the overdue work of their agencies instead. */
const WORKING_ROLES = [Role.Handler, Role.Reviewer, Role.Head, Role.HearingOfficer] as const;

@ApiTags('inbox')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'reviewer' })
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @AllowedRoles(...WORKING_ROLES, Role.Auditor)
  @ApiOperation({
    summary: 'What waits for the caller (待办): each step expected, with its due time, most urgent first',
    description:
      'Handlers see the steps of their own cases; reviewers the legal reviews of the agency’s cases they do not handle; ' +
      'heads the approvals and decisions of their agency; a hearing officer the hearings appointed to them. Work someone ' +
      'else has taken on is left out. Auditors see the overdue work of the agencies they supervise (督办). Ordered by the ' +
      'due time of the clock the step answers to, then by how long it has waited; work without a clock comes last.',
  })
  @ApiOkResponse({ type: InboxPageDto })
  list(@Query() query: InboxQueryDto, @RequestActor() actor: Actor): Promise<InboxPageDto> {
    return this.inbox.inbox(actor, query.limit, query.cursor);
  }

  @Post(':caseId/:action/claim')
  @HttpCode(200)
  @AllowedRoles(...WORKING_ROLES)
  @ApiOperation({
    summary: 'Take a step of a case on (认领): it leaves colleagues’ inboxes and only the caller may take it',
    description: '409 WORK_CLAIMED_BY_OTHER when a colleague holds it; 403 WORK_NOT_FOR_CALLER when it does not wait for the caller.',
  })
  @ApiParam({ name: 'caseId', example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  @ApiParam(ACTION_PARAM)
  @ApiBody(NO_BODY)
  @ApiOkResponse({ type: InboxItemDto })
  claim(@Param('caseId', caseIdPipe) caseId: string, @Param('action') action: string, @RequestActor() actor: Actor): Promise<InboxItemDto> {
    return this.inbox.claim(caseId, action, actor);
  }

  @Post(':caseId/:action/release')
  @HttpCode(200)
  @AllowedRoles(...WORKING_ROLES)
  @ApiOperation({ summary: 'Give a step back to the team; a head may release anyone’s claim' })
  @ApiParam({ name: 'caseId', example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  @ApiParam(ACTION_PARAM)
  @ApiBody(NO_BODY)
  @ApiOkResponse({ type: InboxItemDto })
  release(@Param('caseId', caseIdPipe) caseId: string, @Param('action') action: string, @RequestActor() actor: Actor): Promise<InboxItemDto> {
    return this.inbox.release(caseId, action, actor);
  }

  @Post(':caseId/:action/assignment')
  @HttpCode(200)
  @AllowedRoles(Role.Head)
  @ApiOperation({
    summary: 'A head assigns a step to a colleague who could take it (分派), replacing any claim',
    description: '422 ASSIGNEE_NOT_ELIGIBLE naming userId when the colleague may not take it (not registered in the role, not a handler of the case, four eyes).',
  })
  @ApiParam({ name: 'caseId', example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  @ApiParam(ACTION_PARAM)
  @ApiOkResponse({ type: InboxItemDto })
  assign(
    @Param('caseId', caseIdPipe) caseId: string,
    @Param('action') action: string,
    @Body() body: AssignWorkDto,
    @RequestActor() actor: Actor,
  ): Promise<InboxItemDto> {
    return this.inbox.assign(caseId, action, body.userId, actor);
  }
}
