import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CLUE_TRANSFER_COMMAND_RULES,
  CLUE_TRANSFER_COMMAND_TYPES,
  DomainError,
  DomainErrorCode,
  JUDICIAL_TRANSFER_COMMAND_RULES,
  JUDICIAL_TRANSFER_COMMAND_TYPES,
  Role,
  type Actor,
  type AnyTransferState,
  type TransferKind,
} from '@docket/domain';
import { AllowedRoles, CASE_READER_ROLES } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import { TransferService } from './transfer.service';

const KINDS: Record<string, TransferKind> = { 'clue-transfer': 'clue_transfer', 'judicial-transfer': 'judicial_transfer' };

function kindOf(name: string): TransferKind {
  const kind = KINDS[name];
  if (kind === undefined) {
    throw new DomainError(DomainErrorCode.InvalidInput, `kind: must be clue-transfer or judicial-transfer`, 'kind');
  }
  return kind;
}

/** Whoever takes some step of either kind of transfer; the transfer's own rules then check the step. */
const TRANSFER_ROLES = [...Object.values(CLUE_TRANSFER_COMMAND_RULES), ...Object.values(JUDICIAL_TRANSFER_COMMAND_RULES)].flatMap((rule) => rule.roles);

const STEP_NAMES = [...new Set([...CLUE_TRANSFER_COMMAND_TYPES, ...JUDICIAL_TRANSFER_COMMAND_TYPES])].map((type) => type.replace(/_/g, '-'));

/**
 * A case's transfers, started from the case (`POST /cases/:id/actions/start-clue-transfer` or
 * `start-judicial-transfer`) and then taken step by step here.
 */
@ApiTags('transfers')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'head' })
@Controller('cases/:caseId/transfers')
export class TransferController {
  constructor(private readonly transfers: TransferService) {}

  @Get(':kind')
  @AllowedRoles(...CASE_READER_ROLES, Role.Inspector)
  @ApiOperation({ summary: 'A transfer of the case as it stands: its steps, clocks and outcome' })
  @ApiParam({ name: 'kind', enum: Object.keys(KINDS) })
  @ApiOkResponse({ schema: { type: 'object', example: { kind: 'clue_transfer', status: 'transferred', version: 3 } } })
  get(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('kind') kind: string,
    @RequestActor() actor: Actor,
  ): Promise<AnyTransferState> {
    return this.transfers.read(caseId, kindOf(kind), actor);
  }

  @Post(':kind/actions/:action')
  @HttpCode(200)
  @AllowedRoles(...TRANSFER_ROLES)
  @ApiOperation({
    summary: 'Take a step of a transfer: approve-transfer, record-transfer, acknowledge-receipt (inspector), return-feedback, record-police-answer, …',
  })
  @ApiParam({ name: 'kind', enum: Object.keys(KINDS) })
  @ApiParam({ name: 'action', enum: STEP_NAMES })
  @ApiBody({ schema: { type: 'object', example: { materials: ['case file', 'interview records'], receivingBody: { id: 'pudong-jw', name: '浦东新区纪委监委' } } } })
  @ApiOkResponse({ schema: { type: 'object', example: { kind: 'clue_transfer', status: 'acknowledged', version: 4 } } })
  act(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('kind') kind: string,
    @Param('action') action: string,
    @Body() body: Record<string, unknown>,
    @RequestActor() actor: Actor,
  ): Promise<AnyTransferState> {
    return this.transfers.act(caseId, kindOf(kind), action, actor, body);
  }
}
