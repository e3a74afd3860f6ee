import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const INBOX_DEFAULT_LIMIT = 50;
export const INBOX_MAX_LIMIT = 200;

export class InboxQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: INBOX_MAX_LIMIT, default: INBOX_DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INBOX_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: 'eyJkdWVBdCI6IjIwMjYtMTItMDFUMDk6MDA6MDAuMDAwWiJ9' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class AssignWorkDto {
  @ApiProperty({ description: 'The user who is to take the work on', example: 'reviewer-zhao' })
  @IsString()
  @IsNotEmpty()
  @Matches(/^[A-Za-z0-9._@-]{1,64}$/, { message: 'userId must be 1 to 64 letters, digits or . _ @ -' })
  userId!: string;
}

export class InboxItemDto {
  @ApiProperty({ example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  caseId!: string;

  @ApiProperty({ description: 'The step expected, as named by POST /cases/:id/actions/:action', example: 'decide-legal-review' })
  action!: string;

  @ApiProperty({ description: 'The role the step is taken in', example: 'reviewer' })
  role!: string;

  @ApiProperty({ example: 'legal_review' })
  stage!: string;

  @ApiPropertyOptional({ description: '案号, assigned when filing is approved; null before', example: '沪市监罚〔2026〕12号', nullable: true, type: String })
  caseNumber!: string | null;

  @ApiProperty({ description: 'The party (当事人)', example: '上海某某食品有限公司' })
  partyName!: string;

  @ApiPropertyOptional({ example: 'FSL-124-1-3', nullable: true })
  violationCode!: string | null;

  @ApiPropertyOptional({ description: 'The clock the step answers to', example: 'legal_review', nullable: true })
  deadlineKind!: string | null;

  @ApiPropertyOptional({ example: '2026-12-04T15:59:59.999Z', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ description: 'The clock has run out', example: false })
  overdue!: boolean;

  @ApiProperty({ description: 'Since when the case waits for the step', example: '2026-11-20T02:15:00.000Z' })
  waitingSince!: string;

  @ApiPropertyOptional({ example: 'reviewer-zhao', nullable: true })
  claimedBy!: string | null;

  @ApiPropertyOptional({ example: '2026-11-20T03:00:00.000Z', nullable: true })
  claimedAt!: string | null;

  @ApiPropertyOptional({ description: 'The head who assigned it, when it was assigned rather than claimed', example: 'head-wang', nullable: true })
  assignedBy!: string | null;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] })
  items!: InboxItemDto[];

  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; null on the last page', example: null, nullable: true, type: String })
  nextCursor!: string | null;
}
