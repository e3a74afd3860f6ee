import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Food Safety Law Art. 124, goods worth under ¥10,000: a fine of ¥50,000–100,000, cut into four tiers. */
const EXAMPLE_ITEM = {
  violationCode: 'FSL-124-expired',
  title: 'Selling food past its use-by date, goods worth under ¥10,000',
  legalBasis: 'Food Safety Law Art. 124',
  statutoryRange: { min: 50_000, max: 100_000 },
  tiers: [
    { severity: 'minor', range: { min: 50_000, max: 60_000 }, description: 'one batch, nothing eaten' },
    { severity: 'ordinary', range: { min: 60_000, max: 75_000 } },
    { severity: 'serious', range: { min: 75_000, max: 90_000 } },
    { severity: 'grave', range: { min: 90_000, max: 100_000 }, description: 'sold to a school canteen, or repeated within a year' },
  ],
};

const EXAMPLE_BODY = {
  version: '2026-03',
  published: true,
  publishedAt: '2026-03-01',
  items: [EXAMPLE_ITEM],
  firstViolationNoPenalty: [{ violationCode: 'PL-42-tags', conditions: 'first time, price tags put right within the set period' }],
  minorNoPenalty: [{ violationCode: 'PL-42-tags', conditions: 'fewer than five items untagged, put right on the spot' }],
};

const EXAMPLE_BENCHMARK = { agencyId: 'sh-pudong-amr', ...EXAMPLE_BODY, publishedAt: '2026-03-01T00:00:00.000Z' };

/**
 * A new version of an agency's discretion benchmark (行政裁量权基准, domain.md §5), replacing the one
 * in force whole. The items and lists are checked by the domain (parseDiscretionBenchmark), which
 * names the field at fault, e.g. `items[0].tiers[2].range`.
 */
export class DiscretionBenchmarkBodyDto {
  @ApiProperty({ description: 'Names the new version; never reused for the agency', example: '2026-03', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  version!: string;

  @ApiPropertyOptional({ description: 'The agency in the path; when given, it must be that one', example: 'sh-pudong-amr' })
  @IsOptional()
  @IsString()
  agencyId?: string;

  @ApiProperty({ description: 'APL 34: a benchmark binds only once published; an unpublished one checks nothing', example: true })
  @IsBoolean()
  published!: boolean;

  @ApiPropertyOptional({
    description: 'The publication date, ISO 8601; required when published, absent otherwise',
    example: '2026-03-01',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  publishedAt?: string | null;

  @ApiProperty({
    description:
      'One item per violation code: the statutory range and at least three tiers, in ascending order of severity ' +
      '(minor, ordinary, serious, grave), each inside the statutory range and not overlapping the one before',
    example: EXAMPLE_BODY.items,
  })
  @IsArray()
  items!: object[];

  @ApiProperty({ description: '首违不罚: violation codes and the conditions published with them', example: EXAMPLE_BODY.firstViolationNoPenalty })
  @IsArray()
  firstViolationNoPenalty!: object[];

  @ApiProperty({ description: '轻微免罚: violation codes and the conditions published with them', example: EXAMPLE_BODY.minorNoPenalty })
  @IsArray()
  minorNoPenalty!: object[];
}

export const DISCRETION_BENCHMARK_BODY_EXAMPLE = EXAMPLE_BODY;

/**
 * The documented shape of an agency's benchmark in force. An agency without one is answered 200
 * with `stored: false` and `benchmark: null`: having none is a normal state, not a missing resource.
 */
export class DiscretionBenchmarkViewDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ description: 'False when the agency has stored no benchmark; every other field is then null', example: true })
  stored!: boolean;

  @ApiProperty({ nullable: true, example: '2026-03' })
  version!: string | null;

  @ApiProperty({ nullable: true, example: '2026-03-01T02:00:00.000Z' })
  createdAt!: string | null;

  @ApiProperty({ nullable: true, example: 'admin-zhou' })
  createdBy!: string | null;

  @ApiProperty({ nullable: true, description: 'The complete benchmark (DiscretionBenchmark)', example: EXAMPLE_BENCHMARK })
  benchmark!: object | null;
}

/** The documented answer to storing a new version. */
export class StoredDiscretionBenchmarkDto extends DiscretionBenchmarkViewDto {
  @ApiProperty({ nullable: true, description: 'The version it replaced; null when the agency had none', example: '2025-07' })
  previousVersion!: string | null;

  @ApiProperty({ description: 'Running cases of the agency told of the new benchmark (casePolicyChanged)', example: 12 })
  signalledCases!: number;

  @ApiProperty({ description: 'Running cases the workflow service could not reach; see the API log', example: 0 })
  failedSignals!: number;
}

/** One stored version, for the benchmark's history. */
export class DiscretionBenchmarkVersionDto {
  @ApiProperty({ example: '2026-03' })
  version!: string;

  @ApiProperty({ nullable: true, example: '2026-03-01T00:00:00.000Z' })
  publishedAt!: string | null;

  @ApiProperty({ example: '2026-03-01T02:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: 'admin-zhou' })
  createdBy!: string;

  @ApiProperty({ example: EXAMPLE_BENCHMARK })
  benchmark!: object;
}
