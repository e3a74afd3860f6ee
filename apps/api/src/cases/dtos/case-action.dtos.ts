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
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  DECISION_OUTCOMES,
  LEGAL_REVIEW_CHECKLIST,
  LEGAL_REVIEW_VERDICTS,
  MAX_FINE_YUAN,
  PARTY_RESPONSES,
  TEXT_LIMITS,
  type DecisionOutcome,
  type LegalReviewChecklistAnswers,
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

const checklistLabel = (id: string): string => {
  const item = LEGAL_REVIEW_CHECKLIST.find((candidate) => candidate.id === id);
  return item === undefined ? id : `${item.zh} (${item.en})`;
};

/**
 * The reviewer's answers to the checklist (domain.md §2, legal_review), one per point; the
 * workflow refuses an approval with any point not satisfied, naming it.
 */
export class LegalReviewChecklistDto implements LegalReviewChecklistAnswers {
  @ApiPropertyOptional({ description: checklistLabel('competent_organ'), example: true })
  @IsOptional()
  @IsBoolean()
  competent_organ?: boolean;

  @ApiPropertyOptional({ description: checklistLabel('clear_facts'), example: true })
  @IsOptional()
  @IsBoolean()
  clear_facts?: boolean;

  @ApiPropertyOptional({ description: checklistLabel('sufficient_evidence'), example: true })
  @IsOptional()
  @IsBoolean()
  sufficient_evidence?: boolean;

  @ApiPropertyOptional({ description: checklistLabel('correct_legal_basis'), example: true })
  @IsOptional()
  @IsBoolean()
  correct_legal_basis?: boolean;

  @ApiPropertyOptional({ description: checklistLabel('lawful_procedure'), example: true })
  @IsOptional()
  @IsBoolean()
  lawful_procedure?: boolean;

  @ApiPropertyOptional({ description: checklistLabel('proper_discretion'), example: true })
  @IsOptional()
  @IsBoolean()
  proper_discretion?: boolean;

  @ApiPropertyOptional({ description: checklistLabel('proper_documents'), example: true })
  @IsOptional()
  @IsBoolean()
  proper_documents?: boolean;
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

  @ApiPropertyOptional({
    type: LegalReviewChecklistDto,
    description:
      'The checklist as the reviewer answered it. Optional; when sent, an approval needs every point true ' +
      '(else 400 INVALID_INPUT naming checklist.<point>, the first one not satisfied)',
    example: Object.fromEntries(LEGAL_REVIEW_CHECKLIST.map((item) => [item.id, true])),
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LegalReviewChecklistDto)
  checklist?: LegalReviewChecklistDto;
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
