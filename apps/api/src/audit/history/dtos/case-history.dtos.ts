import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RECORDED_WORKFLOW_KINDS, type RecordedWorkflowKind } from '../case-history.service';

export class CaseHistoryQueryDto {
  @ApiPropertyOptional({
    enum: RECORDED_WORKFLOW_KINDS,
    description: 'Download one history file of this workflow instead of the whole export (name runId too if it ran more than once)',
    example: 'case',
  })
  @IsOptional()
  @IsIn(RECORDED_WORKFLOW_KINDS)
  workflow?: RecordedWorkflowKind;

  @ApiPropertyOptional({ description: 'Download the history file of this run, one of those the export lists', example: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10' })
  @IsOptional()
  @IsUUID()
  runId?: string;
}

/** A shortened history, as `temporal workflow show --output json` prints it. */
const HISTORY_EXAMPLE = {
  events: [
    {
      eventId: '1',
      eventTime: '2026-03-02T01:00:00.123Z',
      eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
      taskId: '1048576',
      workflowExecutionStartedEventAttributes: {
        workflowType: { name: 'caseLifecycle' },
        taskQueue: { name: 'docket-cases', kind: 'TASK_QUEUE_KIND_NORMAL' },
        input: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJyZWdpc3RyYXRpb24iOnsi4oCmIn19' }] },
        originalExecutionRunId: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10',
        firstExecutionRunId: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10',
        attempt: 1,
      },
    },
  ],
};

export class RecordedWorkflowDto {
  @ApiProperty({ example: 'case-6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11' })
  workflowId!: string;

  @ApiProperty({ example: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10' })
  runId!: string;

  @ApiProperty({ enum: RECORDED_WORKFLOW_KINDS, example: 'case' })
  kind!: RecordedWorkflowKind;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The run’s event history in proto3 JSON, exactly as `temporal workflow show --output json` prints it and ' +
      '`historyFromJSON` / `Worker.runReplayHistories` read it; payloads stay encoded as Temporal stores them.',
    example: HISTORY_EXAMPLE,
  })
  history!: { events: unknown[] };
}

export class CaseHistoryDto {
  @ApiProperty({ example: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11' })
  caseId!: string;

  @ApiProperty({
    type: RecordedWorkflowDto,
    isArray: true,
    description: 'Every run of the case’s workflow, oldest first (more than one when it continued as new), then every run of each transfer it started',
  })
  workflows!: RecordedWorkflowDto[];
}

export const RAW_HISTORY_EXAMPLE = HISTORY_EXAMPLE;
