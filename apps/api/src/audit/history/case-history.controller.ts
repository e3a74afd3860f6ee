import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { DomainError, DomainErrorCode, Role, type Actor } from '@docket/domain';
import { contentDisposition } from '../../attachments/attachment-filename';
import { AllowedRoles } from '../../identity/allowed-roles.decorator';
import { RequestActor } from '../../identity/request-actor.decorator';
import { HistoryReadLog } from '../history-read-log.service';
import { CaseHistoryService, historyJson, type RecordedRun } from './case-history.service';
import { CaseHistoryDto, CaseHistoryQueryDto, RAW_HISTORY_EXAMPLE } from './dtos/case-history.dtos';

const caseIdPipe = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(DomainErrorCode.InvalidInput, 'caseId: must be a UUID', 'caseId') });

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

/** The one run the query names, or a 400 naming what to ask for instead. */
function selectRun(runs: readonly RecordedRun[], query: CaseHistoryQueryDto): RecordedRun {
  const candidates = runs.filter((run) => query.workflow === undefined || run.kind === query.workflow);
  if (query.runId !== undefined) {
    const run = candidates.find((candidate) => candidate.runId === query.runId);
    if (run === undefined) {
      throw invalid('runId', `not a run of ${query.workflow === undefined ? 'the case’s workflows' : `its ${query.workflow} workflow`}; the runs are ${candidates.map((candidate) => candidate.runId).join(', ') || 'none'}`);
    }
    return run;
  }
  const [only, ...more] = candidates;
  if (only === undefined) {
    throw invalid('workflow', `the case started no ${query.workflow ?? ''} workflow`);
  }
  if (more.length > 0) {
    throw invalid('runId', `the ${only.kind} workflow continued as new; name one run of ${candidates.map((candidate) => candidate.runId).join(', ')}`);
  }
  return only;
}

/** Item 1 of issue 5: the Temporal record of a case, for supervision staff (执法监督). Read-only; every read is logged. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiExtraModels(CaseHistoryDto)
@Controller('cases/:caseId/history')
export class CaseHistoryController {
  constructor(
    private readonly histories: CaseHistoryService,
    private readonly readLog: HistoryReadLog,
  ) {}

  @Get()
  // The case's own staff have the case view; its raw record is for those who supervise them.
  @AllowedRoles(Role.Auditor)
  @ApiOperation({
    summary: 'The case’s Temporal event histories: every run of its workflow and of its transfers (auditors of a supervising body)',
    description:
      'Without a query: `{ caseId, workflows: [{ workflowId, runId, kind, history }] }`, the case workflow’s runs oldest first ' +
      '(followed back through continue-as-new), then those of each transfer it started. Each `history` is proto3 JSON, ' +
      'as `temporal workflow show --output json` prints it; payloads stay base64-encoded as stored. With `workflow` ' +
      '(and `runId` when that workflow ran more than once) or `runId` alone: that one history as a downloadable JSON file, ' +
      'byte for byte what `historyFromJSON` and the replay command read. Each read is recorded (who, which case, when). ' +
      'A case outside the caller’s supervision answers 404, as if it did not exist.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({
    description: 'The export, or with workflow/runId one history file',
    schema: {
      oneOf: [{ $ref: getSchemaPath(CaseHistoryDto) }, { type: 'object', description: 'One history file (Content-Disposition: attachment)', example: RAW_HISTORY_EXAMPLE }],
      example: {
        caseId: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11',
        workflows: [{ workflowId: 'case-6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11', runId: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10', kind: 'case', history: RAW_HISTORY_EXAMPLE }],
      },
    },
  })
  async history(
    @Param('caseId', caseIdPipe) caseId: string,
    @Query() query: CaseHistoryQueryDto,
    @RequestActor() actor: Actor,
  ): Promise<CaseHistoryDto | StreamableFile> {
    const single = query.workflow !== undefined || query.runId !== undefined;
    const record = await this.histories.read(caseId, actor, { transfers: query.workflow !== 'case' });
    const run = single ? selectRun(record.runs, query) : undefined;
    await this.readLog.record(actor, caseId, 'history');
    if (run !== undefined) {
      const file = `${run.workflowId.replace(/[^A-Za-z0-9._-]/g, '_')}_${run.runId}.json`;
      return new StreamableFile(Buffer.from(historyJson(run.history), 'utf8'), { type: 'application/json', disposition: contentDisposition(file) });
    }
    return {
      caseId,
      workflows: record.runs.map((recorded) => ({
        workflowId: recorded.workflowId,
        runId: recorded.runId,
        kind: recorded.kind,
        history: JSON.parse(historyJson(recorded.history)) as { events: unknown[] },
      })),
    };
  }
}
