import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ALL_CASE_STAGES, type CaseStage } from '@docket/domain';

export const CASE_SEARCH_DEFAULT_LIMIT = 20;
export const CASE_SEARCH_MAX_LIMIT = 100;
export const CASE_SEARCH_SORTS = ['registeredAt', '-registeredAt', 'decidedAt', '-decidedAt', 'caseNumber', '-caseNumber'] as const;
export type CaseSearchSort = (typeof CASE_SEARCH_SORTS)[number];
export const CASE_SEARCH_DEFAULT_SORT: CaseSearchSort = '-registeredAt';

/** A China-time date, or an instant with its offset; a bare local time would be ambiguous. */
export const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const splitList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()) : value;

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

/** `GET /cases` query. Every field narrows the result; an unknown field is refused. */
export class CaseSearchQueryDto {
  @ApiPropertyOptional({ description: 'One stage or a comma list', example: 'investigation,legal_review', type: String })
  @IsOptional()
  @Transform(splitList)
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_CASE_STAGES.length)
  @IsIn(ALL_CASE_STAGES, { each: true, message: `stage: each must be one of ${ALL_CASE_STAGES.join(', ')}` })
  stage?: CaseStage[];

  @ApiPropertyOptional({ description: 'One agency among those the caller may read', example: 'sh-pudong-amr' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency?: string;

  @ApiPropertyOptional({ description: 'User id of a current handler (承办人)', example: 'handler-li' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  handler?: string;

  @ApiPropertyOptional({ description: 'User id of a reviewer who decided a legal review of the case', example: 'reviewer-zhao' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reviewer?: string;

  @ApiPropertyOptional({ example: 'FSL-124-1-3' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  violationCode?: string;

  @ApiPropertyOptional({ description: 'Cases listed for supervision (督办) because a deadline was missed', enum: ['true', 'false'], example: 'true' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Registered at or after (inclusive); a date is 00:00 China time', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'registeredFrom: must be a date (YYYY-MM-DD) or an ISO-8601 instant with offset' })
  registeredFrom?: string;

  @ApiPropertyOptional({ description: 'Registered before (exclusive); a date is 00:00 China time', example: '2026-07-01' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'registeredTo: must be a date (YYYY-MM-DD) or an ISO-8601 instant with offset' })
  registeredTo?: string;

  @ApiPropertyOptional({ description: 'Decided at or after (inclusive); a date is 00:00 China time', example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'decidedFrom: must be a date (YYYY-MM-DD) or an ISO-8601 instant with offset' })
  decidedFrom?: string;

  @ApiPropertyOptional({ description: 'Decided before (exclusive); a date is 00:00 China time', example: '2027-01-01T00:00:00+08:00' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'decidedTo: must be a date (YYYY-MM-DD) or an ISO-8601 instant with offset' })
  decidedTo?: string;

  @ApiPropertyOptional({ description: 'Part of the case number or of the party’s name (Chinese or Latin; Latin letters ignore case)', example: '食品' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'q: must not contain control characters' })
  q?: string;

  @ApiPropertyOptional({ enum: CASE_SEARCH_SORTS, default: CASE_SEARCH_DEFAULT_SORT, description: '`-` for descending; cases without the key come last' })
  @IsOptional()
  @IsIn(CASE_SEARCH_SORTS)
  sort?: CaseSearchSort;

  @ApiPropertyOptional({ minimum: 1, maximum: CASE_SEARCH_MAX_LIMIT, default: CASE_SEARCH_DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CASE_SEARCH_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page, with the same sort; the first page when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  cursor?: string;
}
