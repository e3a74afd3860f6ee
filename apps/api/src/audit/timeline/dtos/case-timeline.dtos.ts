import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ALL_CASE_STAGES, type CaseStage, type DeadlineKind, type DeadlineStatus, type Role } from '@docket/domain';

export class CaseTimelineQueryDto {
  @ApiPropertyOptional({
    description:
      'Return the case as it stood at this point instead of the steps: a sequence number (after that step) or an ISO-8601 instant ' +
      'with its offset (after the last step at or before it)',
    examples: { sequence: { value: '7' }, instant: { value: '2026-03-02T09:30:00+08:00' } },
    example: '7',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  at?: string;
}

class TimelineActorDto {
  @ApiProperty({ example: 'head-wang' })
  userId!: string;

  @ApiProperty({ description: 'The role they acted in; system for what the workflow records itself (a deadline passing)', example: 'head' })
  role!: Role | 'system';
}

class TimelineDeadlineDto {
  @ApiProperty({ example: 'decision' })
  kind!: DeadlineKind;

  @ApiProperty({ enum: ['running', 'paused', 'met', 'missed'], example: 'running' })
  status!: DeadlineStatus;

  @ApiProperty({ example: '2026-05-31T15:59:59.999Z' })
  dueAt!: string;
}

export class TimelineStepDto {
  @ApiProperty({ description: 'The step’s sequence (1 is the registration); the state after it is ?at=<sequence>', example: 2 })
  sequence!: number;

  @ApiProperty({ description: 'What happened', example: 'filing_approved' })
  type!: string;

  @ApiProperty({ example: '2026-03-02T03:00:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ type: TimelineActorDto })
  actor!: TimelineActorDto;

  @ApiProperty({ enum: ALL_CASE_STAGES, nullable: true, description: 'null for the registration', example: 'clue' })
  stageBefore!: CaseStage | null;

  @ApiProperty({ enum: ALL_CASE_STAGES, example: 'filed' })
  stageAfter!: CaseStage;

  @ApiProperty({ type: TimelineDeadlineDto, isArray: true, description: 'Every clock of the case as it stood right after the step' })
  deadlines!: TimelineDeadlineDto[];
}

export class CaseTimelineDto {
  @ApiProperty({ example: '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11' })
  caseId!: string;

  @ApiProperty({ type: TimelineStepDto, isArray: true, description: 'Every step, in sequence order' })
  steps!: TimelineStepDto[];
}
