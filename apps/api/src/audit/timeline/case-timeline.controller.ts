import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DomainError, DomainErrorCode, Role, type Actor, type CaseState, type TimelineStep } from '@docket/domain';
import { CaseStateDto } from '../../cases/dtos/case-state.dto';
import { AllowedRoles } from '../../identity/allowed-roles.decorator';
import { RequestActor } from '../../identity/request-actor.decorator';
import { HistoryReadLog } from '../history-read-log.service';
import { CaseTimelineService } from './case-timeline.service';
import { CaseTimelineDto, CaseTimelineQueryDto } from './dtos/case-timeline.dtos';

const caseIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(DomainErrorCode.InvalidInput, 'caseId: must be a UUID', 'caseId') });

/** Item 3 of issue 5: every step of a case, and the case at any moment. Read-only; every read is logged. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiExtraModels(CaseTimelineDto, CaseStateDto)
@Controller('cases/:caseId/timeline')
export class CaseTimelineController {
  constructor(
    private readonly timelines: CaseTimelineService,
    private readonly readLog: HistoryReadLog,
  ) {}

  @Get()
  // Supervision staff, and the agency's head, who answers for the case's conduct (内部监督); never another agency's.
  @AllowedRoles(Role.Auditor, Role.Head)
  @ApiOperation({
    summary: 'Every step of the case with actor, role, time, stages and deadlines; or with ?at= the case as it stood then (auditors, the agency’s head)',
    description:
      'Derived from the events the case’s workflow recorded in its Temporal history, folded by the same domain model that ran ' +
      'the case. Without `at`: `{ caseId, steps }`. With `at` (a sequence number, or an ISO-8601 instant with offset): the case ' +
      'exactly as it stood then, in the shape of GET /cases/{caseId}. A malformed or future `at` answers 400; a point before the ' +
      'registration or a sequence not reached answers 404 TIMELINE_POINT_NOT_RECORDED, naming `at`. A case the caller may not ' +
      'read answers 404. Each read is recorded.',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(CaseTimelineDto) }, { $ref: getSchemaPath(CaseStateDto) }],
      example: {
        caseId: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11',
        steps: [
          {
            sequence: 1,
            type: 'case_registered',
            occurredAt: '2026-03-02T01:00:00.000Z',
            actor: { userId: 'handler-li', role: 'handler' },
            stageBefore: null,
            stageAfter: 'clue',
            deadlines: [{ kind: 'filing_decision', status: 'running', dueAt: '2026-03-16T15:59:59.999Z' }],
          },
          {
            sequence: 2,
            type: 'filing_approved',
            occurredAt: '2026-03-02T03:00:00.000Z',
            actor: { userId: 'head-wang', role: 'head' },
            stageBefore: 'clue',
            stageAfter: 'filed',
            deadlines: [
              { kind: 'filing_decision', status: 'met', dueAt: '2026-03-16T15:59:59.999Z' },
              { kind: 'decision', status: 'running', dueAt: '2026-05-31T15:59:59.999Z' },
            ],
          },
        ],
      },
    },
  })
  async timeline(
    @Param('caseId', caseIdPipe) caseId: string,
    @Query() query: CaseTimelineQueryDto,
    @RequestActor() actor: Actor,
  ): Promise<{ caseId: string; steps: TimelineStep[] } | CaseState> {
    if (query.at !== undefined) {
      const state = await this.timelines.stateAt(caseId, actor, query.at);
      await this.readLog.record(actor, caseId, 'timeline');
      return state;
    }
    const steps = await this.timelines.timeline(caseId, actor);
    await this.readLog.record(actor, caseId, 'timeline');
    return { caseId, steps };
  }
}
