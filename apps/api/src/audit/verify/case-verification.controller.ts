import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DomainError, DomainErrorCode, Role, type Actor } from '@docket/domain';
import { AllowedRoles } from '../../identity/allowed-roles.decorator';
import { RequestActor } from '../../identity/request-actor.decorator';
import type { CaseVerification } from './case-verification';
import { CaseVerificationService } from './case-verification.service';
import { CASE_VERIFICATION_EXAMPLE, CaseVerificationDto } from './dtos/case-verification.dtos';

const caseIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(DomainErrorCode.InvalidInput, 'caseId: must be a UUID', 'caseId') });

/** Item 4 of issue 5: tamper evidence of a case's record, for supervision staff (执法监督). Read-only; every check is logged. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('cases/:caseId/verify')
export class CaseVerificationController {
  constructor(private readonly verification: CaseVerificationService) {}

  @Get()
  // Proving a record unchanged is for those who supervise the agency, not for the staff who made it.
  @AllowedRoles(Role.Auditor)
  @ApiOperation({
    summary: 'Verify a case’s record: its case_events hash chain, each row against the Temporal history, and the seal of an archived case (auditors)',
    description:
      'Recomputes the hash chain of the case’s `case_events` rows (each row commits to the previous row’s hash and its own ' +
      'content), compares every row with the event the case workflow recorded in its Temporal history (all runs, through ' +
      'continue-as-new), and checks the keyed seal an archived record carries. Each finding names the sequence and its kind: ' +
      'changed, missing, extra or broken_link. A tampered record is a finding, so the answer is 200 either way; `verified` ' +
      'is true only when nothing was found. When Temporal no longer keeps the history, `history.checked` is false and the ' +
      'chain and seal alone were checked. Each check is recorded (who, which case, when). A case outside the caller’s ' +
      'supervision answers 404, as if it did not exist.',
  })
  @ApiParam({ name: 'caseId', format: 'uuid', example: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11' })
  @ApiOkResponse({ type: CaseVerificationDto, example: CASE_VERIFICATION_EXAMPLE })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT naming caseId when it is not a UUID' })
  @ApiForbiddenResponse({ description: 'ROLE_NOT_PERMITTED for every role but auditor' })
  @ApiNotFoundResponse({ description: 'CASE_NOT_FOUND: no such case, or one outside the auditor’s supervision' })
  verify(@Param('caseId', caseIdPipe) caseId: string, @RequestActor() actor: Actor): Promise<CaseVerification> {
    return this.verification.verify(caseId, actor);
  }
}
