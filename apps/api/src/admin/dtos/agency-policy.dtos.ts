import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { defaultAgencyPolicy } from '@docket/domain';

const EXAMPLE_POLICY = { ...defaultAgencyPolicy('sh-pudong-amr'), version: '2026-03' };

/**
 * A new version of an agency's policy: the sections it changes, merged onto the policy in force
 * (mergePolicy). Each section is checked field by field by the domain, which names the field at fault.
 */
export class UpdateAgencyPolicyDto {
  @ApiProperty({ description: 'Names the new version; never reused for the agency', example: '2026-03', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  version!: string;

  @ApiPropertyOptional({ example: { decisionPeriod: { count: 10, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  filing?: object;

  @ApiPropertyOptional({ example: { decisionPeriod: { count: 3, unit: 'natural_days' } } })
  @IsOptional()
  @IsObject()
  recusal?: object;

  @ApiPropertyOptional({ example: { disposalPeriod: { count: 7, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  preservation?: object;

  @ApiPropertyOptional({ example: { reviewPeriod: { count: 7, unit: 'working_days' }, fineThreshold: 5000 } })
  @IsOptional()
  @IsObject()
  legalReview?: object;

  @ApiPropertyOptional({ example: { responsePeriod: { count: 5, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  notice?: object;

  @ApiPropertyOptional({ example: { fineThresholds: { individual: 2000, organization: 10000 } } })
  @IsOptional()
  @IsObject()
  hearing?: object;

  @ApiPropertyOptional({ example: { extension: { count: 30, unit: 'natural_days' } } })
  @IsOptional()
  @IsObject()
  decision?: object;

  @ApiPropertyOptional({ example: { servicePeriod: { count: 7, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  service?: object;

  @ApiPropertyOptional({ example: { publicationPeriod: { count: 5, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  publicity?: object;

  @ApiPropertyOptional({ example: { paymentPeriod: { count: 15, unit: 'natural_days' } } })
  @IsOptional()
  @IsObject()
  execution?: object;

  @ApiPropertyOptional({ example: { retentionYears: { important: 'permanent', ordinary: 30 } } })
  @IsOptional()
  @IsObject()
  archive?: object;

  @ApiPropertyOptional({ example: { transferPeriod: { count: 10, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  clueTransfer?: object;

  @ApiPropertyOptional({ example: { transferPeriod: { count: 24, unit: 'hours' } } })
  @IsOptional()
  @IsObject()
  judicialTransfer?: object;

  @ApiPropertyOptional({ example: { defaultLeadTime: { count: 2, unit: 'working_days' } } })
  @IsOptional()
  @IsObject()
  warnings?: object;
}

/** The documented shape of an agency's policy in force. */
export class AgencyPolicyViewDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ description: "The version in force; 'default' when the agency has stored none", example: '2026-03' })
  version!: string;

  @ApiProperty({ description: 'False when these are the defaults of the rulebook, nothing stored', example: true })
  stored!: boolean;

  @ApiProperty({ nullable: true, example: '2026-03-01T02:00:00.000Z' })
  createdAt!: string | null;

  @ApiProperty({ nullable: true, example: 'admin-zhou' })
  createdBy!: string | null;

  @ApiProperty({ description: 'The complete policy (AgencyPolicy)', example: EXAMPLE_POLICY })
  policy!: object;
}

/** The documented answer to storing a new version. */
export class StoredAgencyPolicyDto extends AgencyPolicyViewDto {
  @ApiProperty({ nullable: true, description: 'The version it replaced; null for the defaults', example: 'default' })
  previousVersion!: string | null;

  @ApiProperty({
    description: 'Statutory defaults this version changes: deliberate deviations for the audit trail',
    example: [
      {
        field: 'decision.decisionPeriod',
        basis: 'statute',
        source: 'APL 60',
        from: { count: 90, unit: 'natural_days' },
        to: { count: 60, unit: 'natural_days' },
      },
    ],
  })
  statutoryFieldsChanged!: object[];

  @ApiProperty({ description: "Running cases of the agency told of the new version (casePolicyChanged)", example: 12 })
  signalledCases!: number;

  @ApiProperty({ description: 'Running cases the workflow service could not reach; see the API log', example: 0 })
  failedSignals!: number;
}

/** One stored version, for the policy's history. */
export class AgencyPolicyVersionDto {
  @ApiProperty({ example: '2026-03' })
  version!: string;

  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: 'admin-zhou' })
  createdBy!: string;

  @ApiProperty({ example: EXAMPLE_POLICY })
  policy!: object;
}
