import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALL_CASE_STAGES, type CaseStage } from '@docket/domain';

/** The documented shape of a case as the API returns it (the domain's CaseState). */
export class CaseStateDto {
  @ApiProperty({ example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10' })
  caseId!: string;

  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ enum: ALL_CASE_STAGES, example: 'investigation' })
  stage!: CaseStage;

  @ApiProperty({ description: 'Sequence of the latest step; send it back as expectedVersion', example: 3 })
  version!: number;

  @ApiProperty({ example: '2026-11-23T08:00:00.000Z' })
  registeredAt!: string;

  @ApiPropertyOptional({ description: '案号, assigned by the system when filing is approved', example: 'sh-pudong-amr-2026-000123' })
  caseNumber?: string;

  @ApiProperty({ example: { source: 'complaint', summary: '…', party: { type: 'organization', name: '…' } } })
  clue!: object;

  @ApiProperty({ example: [{ userId: 'handler-li', certificateNumber: 'SH-0451203', certificateExpiresAt: '2028-06-30T00:00:00.000Z' }] })
  handlers!: object[];

  @ApiProperty({ example: [{ outcome: 'approved', reviewerId: 'reviewer-zhao', opinion: '…', decidedAt: '2026-11-24T08:00:00.000Z' }] })
  reviews!: object[];

  @ApiProperty({ example: [{ kind: 'decision', startedAt: '2026-11-23T09:00:00.000Z', dueAt: '2027-02-21T09:00:00.000Z', status: 'running' }] })
  deadlines!: object[];

  @ApiPropertyOptional({ example: { outcome: 'penalty', fine: 50000, reasoning: '…', decidedBy: 'head-wang', decidedAt: '…' } })
  decision?: object;
}
