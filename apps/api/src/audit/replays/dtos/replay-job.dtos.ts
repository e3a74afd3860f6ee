import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsISO8601, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** The most cases one request names by id; a period or `all` has no such limit. */
export const MAX_REPLAY_CASE_IDS = 1_000;

const EXAMPLE_CASE_ID = '6f1c2a4e-9a57-4d0b-8a5e-2c1f0d7b3e11';
const EXAMPLE_JOB_ID = '3b0e7d1c-8f2a-4c55-b6a9-0d4e2f1a7c93';

/** Exactly one of: caseIds, closedFrom with closedTo, all. */
export class StartReplayJobDto {
  @ApiPropertyOptional({ description: `The cases to replay (at most ${MAX_REPLAY_CASE_IDS})`, type: [String], example: [EXAMPLE_CASE_ID] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REPLAY_CASE_IDS)
  @IsUUID('all', { each: true, message: 'caseIds: each must be a UUID' })
  caseIds?: string[];

  @ApiPropertyOptional({ description: 'Every case closed (结案) at or after this instant, with closedTo', example: '2026-01-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  closedFrom?: string;

  @ApiPropertyOptional({ description: 'Every case closed before this instant, with closedFrom', example: '2026-07-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  closedTo?: string;

  @ApiPropertyOptional({ description: 'Every case the caller supervises', example: true })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

class ReplayRequesterDto {
  @ApiProperty({ example: 'auditor-qian' })
  userId!: string;

  @ApiProperty({ example: 'auditor' })
  role!: string;

  @ApiProperty({ example: 'sh-pudong-justice' })
  agencyId!: string;
}

class ReplayCountsDto {
  @ApiProperty({ example: 0 })
  pending!: number;

  @ApiProperty({ example: 1 })
  deterministic!: number;

  @ApiProperty({ example: 0 })
  diverged!: number;

  @ApiProperty({ example: 0 })
  failed!: number;

  @ApiProperty({ example: 0 })
  missing!: number;
}

export class ReplayCaseResultDto {
  @ApiProperty({ example: EXAMPLE_CASE_ID })
  caseId!: string;

  @ApiProperty({
    enum: ['pending', 'deterministic', 'diverged', 'failed', 'missing'],
    description:
      'pending: not replayed yet; deterministic: every run of the case and its transfers replayed; diverged: the current code ' +
      'issues other commands than the history recorded; failed: the replay failed otherwise; missing: Temporal holds no history',
    example: 'deterministic',
  })
  status!: string;

  @ApiPropertyOptional({ description: 'Workflow runs replayed: the case’s own and its transfers’', example: 2 })
  histories?: number;

  @ApiPropertyOptional({ example: 203 })
  events?: number;

  @ApiPropertyOptional({ description: 'The first run that did not replay', example: `case-${EXAMPLE_CASE_ID}` })
  workflowId?: string;

  @ApiPropertyOptional({ example: '0f3a7c52-5a7e-4f0b-9d9c-6b2f1e8a4c10' })
  runId?: string;

  @ApiPropertyOptional({ description: 'The first history event the current code disagreed with, when the replayer names it', example: 5 })
  divergentEventId?: number;

  @ApiPropertyOptional({
    description: 'Why, as the replayer put it',
    example: "Replay failed with a nondeterminism error. … Activity type of scheduled event 'recordCaseEvent' does not match …",
  })
  reason?: string;

  @ApiPropertyOptional({ example: '2026-11-23T08:00:05.120Z' })
  replayedAt?: string;
}

export class ReplayJobDto {
  @ApiProperty({ example: EXAMPLE_JOB_ID })
  jobId!: string;

  @ApiProperty({ enum: ['running', 'completed'], example: 'completed' })
  status!: string;

  @ApiProperty({ type: ReplayRequesterDto })
  requestedBy!: ReplayRequesterDto;

  @ApiProperty({ description: 'What was asked for', example: { caseIds: [EXAMPLE_CASE_ID] } })
  selection!: Record<string, unknown>;

  @ApiProperty({ example: '2026-11-23T08:00:00.000Z' })
  createdAt!: string;

  @ApiPropertyOptional({ example: '2026-11-23T08:00:05.300Z' })
  finishedAt?: string;

  @ApiProperty({ description: 'Cases in the job', example: 1 })
  total!: number;

  @ApiProperty({ description: 'Progress: cases per status', type: ReplayCountsDto })
  counts!: ReplayCountsDto;

  @ApiProperty({ type: ReplayCaseResultDto, isArray: true, description: 'One row per case, in the order replayed' })
  results!: ReplayCaseResultDto[];
}

export const REPLAY_LIST_DEFAULT_LIMIT = 20;
export const REPLAY_LIST_MAX_LIMIT = 100;

export class ReplayJobListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: REPLAY_LIST_MAX_LIMIT, default: REPLAY_LIST_DEFAULT_LIMIT, example: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(REPLAY_LIST_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: EXAMPLE_JOB_ID })
  @IsOptional()
  @IsUUID('all', { message: 'cursor: not a cursor this list handed out' })
  cursor?: string;
}

/** A job without its per-case rows: GET /audit/replays/{jobId} has those. */
export class ReplayJobSummaryDto extends OmitType(ReplayJobDto, ['results'] as const) {}

export class ReplayJobPageDto {
  @ApiProperty({ type: ReplayJobSummaryDto, isArray: true, description: 'The caller’s jobs, newest first' })
  items!: ReplayJobSummaryDto[];

  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; null on the last page', example: null, nullable: true, type: String })
  nextCursor!: string | null;
}
