import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENCY_KINDS, type AgencyKind } from '@docket/persistence';
import { ALL_ROLES, type Role } from '@docket/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Identifiers as the identity provider writes a token's `sub` and `agency` claims. */
export const REGISTRY_ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

export class AgencyBodyDto {
  @ApiProperty({ example: '上海市浦东新区市场监督管理局', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS, example: 'enforcement' })
  @IsIn(AGENCY_KINDS)
  kind!: AgencyKind;

  @ApiPropertyOptional({
    nullable: true,
    description: 'The agency that supervises this one (执法监督); its auditors read this agency’s cases. Null or absent for none.',
    example: 'sh-pudong-justice',
  })
  @IsOptional()
  @IsString()
  @Matches(REGISTRY_ID_PATTERN, { message: 'supervisedBy: must be an agency id of 1 to 64 letters, digits or . _ @ -' })
  supervisedBy?: string | null;
}

export class AgencyDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  id!: string;

  @ApiProperty({ example: '上海市浦东新区市场监督管理局' })
  name!: string;

  @ApiProperty({ enum: AGENCY_KINDS, example: 'enforcement' })
  kind!: AgencyKind;

  @ApiProperty({ nullable: true, type: String, example: 'sh-pudong-justice' })
  supervisedBy!: string | null;

  @ApiProperty({ example: '2026-11-23T08:00:00.000Z' })
  updatedAt!: string;

  @ApiProperty({ example: 'admin-zhou' })
  updatedBy!: string;
}

export class UserBodyDto {
  @ApiProperty({ example: '李明', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiProperty({ description: 'A deactivated user is refused on every request (USER_DEACTIVATED)', example: true })
  @IsBoolean()
  active!: boolean;
}

export class AgencyRolesDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true, example: ['handler'] })
  roles!: Role[];
}

export class CertificateDto {
  @ApiProperty({ description: 'Enforcement certificate (执法证) number', example: 'SH-0451203' })
  number!: string;

  @ApiProperty({ example: 'handler-li' })
  holderId!: string;

  @ApiProperty({ example: '上海市人民政府' })
  issuingAuthority!: string;

  @ApiProperty({ example: '2024-07-01' })
  issuedOn!: string;

  @ApiProperty({ example: '2029-06-30T00:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ nullable: true, type: String, example: null })
  revokedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, example: null })
  revocationReason!: string | null;

  @ApiProperty({ enum: ['valid', 'expired', 'revoked'], description: 'As of the moment of the answer', example: 'valid' })
  status!: 'valid' | 'expired' | 'revoked';
}

export class UserDto {
  @ApiProperty({ description: "The identity provider's subject (sub)", example: 'handler-li' })
  id!: string;

  @ApiProperty({ example: '李明' })
  displayName!: string;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ type: [AgencyRolesDto], example: [{ agencyId: 'sh-pudong-amr', roles: ['handler'] }] })
  agencies!: AgencyRolesDto[];

  @ApiProperty({ example: '2026-11-23T08:00:00.000Z' })
  updatedAt!: string;

  @ApiProperty({ example: 'admin-zhou' })
  updatedBy!: string;
}

export class UserDetailDto extends UserDto {
  @ApiProperty({ type: [CertificateDto], description: 'Every certificate the user was issued, newest expiry first' })
  certificates!: CertificateDto[];
}

export class RolesBodyDto {
  @ApiProperty({ enum: ALL_ROLES, isArray: true, description: 'The roles at the agency, replacing those held; [] removes all', example: ['handler'] })
  @IsArray()
  @ArrayMaxSize(ALL_ROLES.length)
  @ArrayUnique()
  @IsIn(ALL_ROLES, { each: true })
  roles!: Role[];
}

export class UserAgencyRolesDto {
  @ApiProperty({ example: 'handler-li' })
  userId!: string;

  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true, example: ['handler'] })
  roles!: Role[];
}

export class CertificateBodyDto {
  @ApiProperty({ description: 'The authority that issued it (发证机关)', example: '上海市人民政府', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  issuingAuthority!: string;

  @ApiProperty({ description: 'Date of issue, YYYY-MM-DD', example: '2024-07-01' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'issuedOn: must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  issuedOn!: string;

  @ApiProperty({ description: 'The instant it stops being valid', example: '2029-06-30T00:00:00.000Z' })
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export class RevocationBodyDto {
  @ApiProperty({ example: 'Certificate withdrawn after disciplinary finding 2026-17', maxLength: 1000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ description: 'When it was revoked; now when absent. Not in the future.', example: '2026-11-20T09:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  revokedAt?: string;
}
