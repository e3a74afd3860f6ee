import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ALL_ROLES, type Role } from '@docket/domain';
import { REGISTRY_ID_PATTERN } from '../../registry/dtos/registry.dtos';

export class OidcSignInDto {
  @ApiProperty({ description: 'The provider’s issuer; the console reads its /.well-known/openid-configuration', example: 'https://login.example.gov.cn' })
  issuer!: string;

  @ApiProperty({ description: 'The console’s client id at the provider (a public client: PKCE, no secret)', example: 'docket-console' })
  clientId!: string;

  @ApiProperty({ example: 'openid' })
  scope!: string;

  @ApiProperty({ description: 'Where the provider sends the browser back, under the console', example: '/app/sign-in/callback' })
  redirectPath!: string;
}

export class SignInConfigDto {
  @ApiProperty({ description: 'Whether local sign-in (development and tests only) is on', example: true })
  local!: boolean;

  @ApiPropertyOptional({ type: OidcSignInDto, description: 'Present when the console signs in through the OIDC provider' })
  oidc?: OidcSignInDto;
}

export class LocalAgencyRolesDto {
  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ example: '上海市浦东新区市场监督管理局' })
  agencyName!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true, example: ['handler'] })
  roles!: Role[];
}

export class LocalUserDto {
  @ApiProperty({ example: 'handler-li' })
  id!: string;

  @ApiProperty({ example: '李明' })
  displayName!: string;

  @ApiProperty({ type: [LocalAgencyRolesDto] })
  agencies!: LocalAgencyRolesDto[];
}

export class LocalSessionBodyDto {
  @ApiProperty({ description: 'A registered, active user', example: 'handler-li' })
  @IsString()
  @Matches(REGISTRY_ID_PATTERN, { message: 'userId: must be a user id of 1 to 64 letters, digits or . _ @ -' })
  userId!: string;

  @ApiProperty({ description: 'An agency where the registry grants the user a role', example: 'sh-pudong-amr' })
  @IsString()
  @Matches(REGISTRY_ID_PATTERN, { message: 'agencyId: must be an agency id of 1 to 64 letters, digits or . _ @ -' })
  agencyId!: string;
}

export class LocalSessionDto {
  @ApiProperty({ description: 'A bearer token for the API, signed with AUTH_JWT_SECRET', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…' })
  token!: string;

  @ApiProperty({ example: '2026-11-23T16:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ example: 'handler-li' })
  userId!: string;

  @ApiProperty({ example: 'sh-pudong-amr' })
  agencyId!: string;

  @ApiProperty({ enum: ALL_ROLES, isArray: true, example: ['handler'] })
  roles!: Role[];
}
