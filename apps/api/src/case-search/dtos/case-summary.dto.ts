import { ApiProperty } from '@nestjs/swagger';
import { ALL_CASE_STAGES, type CaseStage, type PartyType } from '@docket/domain';

export class CaseSummaryPartyDto {
  @ApiProperty({ enum: ['individual', 'organization'], example: 'organization' })
  type!: PartyType;

  @ApiProperty({ description: 'In full: staff of the agency see the party', example: '上海某某食品有限公司' })
  name!: string;
}

/** One row of `GET /cases`, read from the projection. */
export class CaseSummaryDto {
  @ApiProperty({ example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  caseId!: string;

  @ApiProperty({ type: String, nullable: true, description: '案号, assigned when filing is approved', example: 'sh-pudong-amr-2026-000123' })
  caseNumber!: string | null;

  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ enum: ALL_CASE_STAGES, example: 'investigation' })
  stage!: CaseStage;

  @ApiProperty({ type: String, nullable: true, example: 'FSL-124-1-3' })
  violationCode!: string | null;

  @ApiProperty({ type: CaseSummaryPartyDto })
  party!: CaseSummaryPartyDto;

  @ApiProperty({ example: '2026-03-02T01:30:00.000Z' })
  registeredAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-03-05T02:00:00.000Z' })
  filedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  decidedAt!: string | null;

  @ApiProperty({ description: 'A deadline was missed and the case is still open (督办)', example: false })
  overdue!: boolean;

  @ApiProperty({ type: [String], description: 'Current handlers', example: ['handler-li', 'handler-chen'] })
  handlers!: string[];

  @ApiProperty({ type: String, nullable: true, description: 'Reviewer of the latest legal review decision', example: null })
  reviewer!: string | null;
}

export class CaseSearchPageDto {
  @ApiProperty({ type: [CaseSummaryDto] })
  items!: CaseSummaryDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page; null on the last page', example: null })
  nextCursor!: string | null;
}
