import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DECISION_OUTCOMES, type DecisionOutcome, type PartyType } from '@docket/domain';

export const PUBLIC_DECISIONS_DEFAULT_LIMIT = 20;
export const PUBLIC_DECISIONS_MAX_LIMIT = 100;

export class PublicDecisionsQueryDto {
  @ApiPropertyOptional({ description: 'Only the decisions of this agency', example: 'sh-pudong-amr' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agencyId?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page; the first page when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PUBLIC_DECISIONS_MAX_LIMIT, default: PUBLIC_DECISIONS_DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PUBLIC_DECISIONS_MAX_LIMIT)
  limit?: number;
}

export class PublicPartyDto {
  @ApiProperty({ enum: ['individual', 'organization'], example: 'individual' })
  type!: PartyType;

  @ApiProperty({ description: 'An organization’s full name; an individual’s surname and 某 (Latin script: first letter and a full stop)', example: '张某' })
  name!: string;
}

export class PublicWithdrawalDto {
  @ApiProperty({ example: '2026-05-06T02:00:00.000Z' })
  at!: string;

  @ApiProperty({ example: 'Decision revoked on administrative reconsideration' })
  reason!: string;
}

export class PublicDecisionDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ description: 'The case number (案号) given on filing; the case id for a case filed before numbering', example: 'sh-pudong-amr-2026-000123' })
  caseNumber!: string;

  @ApiProperty({ type: PublicPartyDto })
  party!: PublicPartyDto;

  @ApiProperty({ nullable: true, description: 'The findings of the investigation report, redacted', example: '张某 sold twelve packs past their use-by date' })
  facts!: string | null;

  @ApiProperty({ description: 'The decision’s reasoning and legal basis, redacted', example: 'FSL Art. 124(1)(3)' })
  legalBasis!: string;

  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'penalty' })
  outcome!: DecisionOutcome;

  @ApiProperty({ nullable: true, description: 'The fine in yuan', example: 5000 })
  fine!: number | null;

  @ApiProperty({ example: '2026-04-01T02:00:00.000Z' })
  decidedAt!: string;

  @ApiProperty({ example: '2026-04-03T02:00:00.000Z' })
  publishedAt!: string;

  @ApiPropertyOptional({ type: PublicWithdrawalDto, description: 'Present when the publication was withdrawn (APL 48)' })
  withdrawn?: PublicWithdrawalDto;
}

export class PublicDecisionPageDto {
  @ApiProperty({ type: [PublicDecisionDto] })
  items!: PublicDecisionDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page; null on the last page', example: 'eyJwIjoiMjAyNi0wNC0wM1QwMjowMDowMC4wMDBaIiwiaWQiOiI2ZjFjIn0' })
  nextCursor!: string | null;
}
