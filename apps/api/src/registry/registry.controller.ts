import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { DomainError, DomainErrorCode, Role, type Actor } from '@docket/domain';
import type { Response } from 'express';
import { AllowedRoles } from '../identity/allowed-roles.decorator';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import {
  AgencyBodyDto,
  AgencyDto,
  CertificateBodyDto,
  CertificateDto,
  RevocationBodyDto,
  RolesBodyDto,
  UserAgencyRolesDto,
  UserBodyDto,
  UserDetailDto,
  UserDto,
} from './dtos/registry.dtos';
import { RegistryService } from './registry.service';

/**
 * Docket's identity registry, for role `admin` only: agencies and their supervision tree, users,
 * the roles each holds per agency, and enforcement certificates (执法证).
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'admin' })
@ApiExtraModels(AgencyDto, UserDto)
@AllowedRoles(Role.Admin)
@Controller('admin')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Get('agencies')
  @ApiOperation({ summary: 'Every agency in the registry, with the agency that supervises it' })
  @ApiOkResponse({ schema: { type: 'array', items: { $ref: getSchemaPath(AgencyDto) } } })
  listAgencies(): Promise<AgencyDto[]> {
    return this.registry.listAgencies();
  }

  @Get('agencies/:agencyId')
  @ApiOperation({ summary: 'One agency of the registry; 404 AGENCY_NOT_FOUND when unknown' })
  @ApiOkResponse({ type: AgencyDto })
  agency(@Param('agencyId') agencyId: string): Promise<AgencyDto> {
    return this.registry.agency(agencyId);
  }

  @Put('agencies/:agencyId')
  @ApiOperation({
    summary: 'Create or replace an agency: name, kind and the agency supervising it',
    description:
      'The id is the one tokens carry in their agency claim. 201 when created, 200 when replaced. 404 AGENCY_NOT_FOUND for ' +
      'an unknown supervisedBy; 422 SUPERVISION_CYCLE when the agency would supervise itself, directly or not.',
  })
  @ApiBody({ type: AgencyBodyDto, examples: { 'an agency under a supervision body': { value: { name: '上海市浦东新区市场监督管理局', kind: 'enforcement', supervisedBy: 'sh-pudong-justice' } } } })
  @ApiOkResponse({ type: AgencyDto })
  @ApiCreatedResponse({ type: AgencyDto })
  async saveAgency(
    @Param('agencyId') agencyId: string,
    @Body() body: AgencyBodyDto,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AgencyDto> {
    const { created, agency } = await this.registry.saveAgency(agencyId, body, actor);
    response.status(created ? 201 : 200);
    return agency;
  }

  @Get('users')
  @ApiOperation({ summary: 'The registered users, with their roles per agency; ?agency= keeps those holding a role there' })
  @ApiQuery({ name: 'agency', required: false, example: 'sh-pudong-amr' })
  @ApiOkResponse({ schema: { type: 'array', items: { $ref: getSchemaPath(UserDto) } } })
  listUsers(@Query('agency') agency?: unknown): Promise<UserDto[]> {
    if (agency !== undefined && typeof agency !== 'string') {
      throw new DomainError(DomainErrorCode.InvalidInput, 'agency: give one agency id', 'agency');
    }
    return this.registry.listUsers(agency);
  }

  @Get('users/:userId')
  @ApiOperation({ summary: 'One user: active or not, roles per agency, and every certificate ever issued to them' })
  @ApiOkResponse({ type: UserDetailDto })
  user(@Param('userId') userId: string): Promise<UserDetailDto> {
    return this.registry.user(userId);
  }

  @Put('users/:userId')
  @ApiOperation({
    summary: 'Register a user (the id is the token’s sub) or change their display name and active flag',
    description: 'A deactivated user is refused on every request with 403 USER_DEACTIVATED. 201 when created, 200 when changed.',
  })
  @ApiBody({ type: UserBodyDto, examples: { 'an active handler': { value: { displayName: '李明', active: true } } } })
  @ApiOkResponse({ type: UserDetailDto })
  @ApiCreatedResponse({ type: UserDetailDto })
  async saveUser(
    @Param('userId') userId: string,
    @Body() body: UserBodyDto,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDetailDto> {
    const { created, user } = await this.registry.saveUser(userId, body, actor);
    response.status(created ? 201 : 200);
    return user;
  }

  @Put('users/:userId/agencies/:agencyId/roles')
  @ApiOperation({
    summary: 'Set the roles a user holds at one agency; an empty list removes them',
    description: '404 USER_NOT_FOUND or AGENCY_NOT_FOUND when either is not registered.',
  })
  @ApiBody({ type: RolesBodyDto, examples: { 'handler at one agency': { value: { roles: ['handler'] } } } })
  @ApiOkResponse({ type: UserAgencyRolesDto })
  setRoles(
    @Param('userId') userId: string,
    @Param('agencyId') agencyId: string,
    @Body() body: RolesBodyDto,
    @RequestActor() actor: Actor,
  ): Promise<UserAgencyRolesDto> {
    return this.registry.setRoles(userId, agencyId, body, actor);
  }

  @Put('users/:userId/certificates/:certificateNumber')
  @ApiOperation({
    summary: 'Record an enforcement certificate (执法证) issued to the user',
    description:
      'Certificates are never deleted or rewritten: a renewal is recorded under its new number. 201 when recorded, 200 when ' +
      'the same certificate was already recorded; 409 CERTIFICATE_NUMBER_TAKEN when the number is recorded for another user ' +
      'or with other particulars.',
  })
  @ApiBody({ type: CertificateBodyDto, examples: { 'five-year certificate': { value: { issuingAuthority: '上海市人民政府', issuedOn: '2024-07-01', expiresAt: '2029-06-30T00:00:00.000Z' } } } })
  @ApiOkResponse({ type: CertificateDto })
  @ApiCreatedResponse({ type: CertificateDto })
  async saveCertificate(
    @Param('userId') userId: string,
    @Param('certificateNumber') certificateNumber: string,
    @Body() body: CertificateBodyDto,
    @RequestActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CertificateDto> {
    const { created, certificate } = await this.registry.saveCertificate(userId, certificateNumber, body, actor);
    response.status(created ? 201 : 200);
    return certificate;
  }

  @Post('users/:userId/certificates/:certificateNumber/revocation')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a certificate: from then on its holder cannot act as handler on it',
    description: '404 CERTIFICATE_NOT_FOUND when the user holds no such certificate; 409 CERTIFICATE_ALREADY_REVOKED.',
  })
  @ApiBody({ type: RevocationBodyDto, examples: { revoked: { value: { reason: 'Certificate withdrawn after disciplinary finding 2026-17' } } } })
  @ApiOkResponse({ type: CertificateDto })
  revokeCertificate(
    @Param('userId') userId: string,
    @Param('certificateNumber') certificateNumber: string,
    @Body() body: RevocationBodyDto,
    @RequestActor() actor: Actor,
  ): Promise<CertificateDto> {
    return this.registry.revokeCertificate(userId, certificateNumber, body, actor);
  }
}
