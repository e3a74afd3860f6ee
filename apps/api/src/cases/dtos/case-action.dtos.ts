import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DECISION_OUTCOMES,
  LEGAL_REVIEW_VERDICTS,
  MAX_FINE_YUAN,
  PARTY_RESPONSES,
  TEXT_LIMITS,
  type DecisionOutcome,
  type LegalReviewVerdict,
  type PartyResponse,
} from '@docket/domain';
import { VersionedActionDto } from './versioned-action.dto';

export class FilingDecisionDto extends VersionedActionDto {
  @ApiProperty({ example: 'Facts indicate a violation of FSL Art. 124 within the limitation period' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  reason!: string;
}

export class HandlerAssignmentDto {
  @ApiProperty({ example: 'handler-li' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  userId!: string;

  @ApiPropertyOptional({
    description:
      'Enforcement certificate (执法证) number. Filled from the registry; when sent, it must be a certificate the registry ' +
      'holds for the handler, valid now (else 422 naming this field)',
    example: 'SH-0451203',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  certificateNumber?: string;

  @ApiPropertyOptional({ description: 'Filled from the registry; when sent, it must match the registry', example: '2028-06-30T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  certificateExpiresAt?: string;
}

export class AssignHandlersDto extends VersionedActionDto {
  @ApiProperty({ type: [HandlerAssignmentDto], minItems: 2 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HandlerAssignmentDto)
  handlers!: HandlerAssignmentDto[];
}

export class InvestigationReportDto extends VersionedActionDto {
  @ApiProperty({ example: 'Twelve packs past their use-by date were on sale on 2026-10-02' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  findings!: string;

  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'penalty' })
  @IsIn(DECISION_OUTCOMES)
  proposedOutcome!: DecisionOutcome;

  @ApiPropertyOptional({ description: 'Proposed fine in yuan, for a penalty', example: 50000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  proposedFine?: number;
}

export class LegalReviewDecisionDto extends VersionedActionDto {
  @ApiProperty({
    enum: LEGAL_REVIEW_VERDICTS,
    example: 'approve',
    description: '同意 / 退回补充调查 / 建议修改后提交 / 不同意; all but approve send the case back to the handlers',
  })
  @IsIn(LEGAL_REVIEW_VERDICTS)
  verdict!: LegalReviewVerdict;

  @ApiProperty({ example: 'Facts clear, evidence sufficient, legal basis correct' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  opinion!: string;
}

export class NoticeClosingDto extends VersionedActionDto {
  @ApiProperty({ enum: PARTY_RESPONSES, example: 'waived' })
  @IsIn(PARTY_RESPONSES)
  partyResponse!: PartyResponse;

  @ApiPropertyOptional({ description: 'The party’s statement and defence, when one was made' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  statement?: string;
}

export class CaseDecisionDto extends VersionedActionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES, example: 'penalty' })
  @IsIn(DECISION_OUTCOMES)
  outcome!: DecisionOutcome;

  @ApiPropertyOptional({ description: 'Fine in yuan, for a penalty', example: 50000, maximum: MAX_FINE_YUAN })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  fine?: number;

  @ApiProperty({ example: 'FSL Art. 124(1)(3); first violation, corrected promptly' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  reasoning!: string;

  @ApiPropertyOptional({ description: 'A decision with social impact is published (APL 48)', example: true })
  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}

export class CaseClosingDto extends VersionedActionDto {
  @ApiProperty({ example: 'Penalty decided and served; fine paid on 2026-12-01' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  summary!: string;
}
