import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../identity/bearer-auth.guard';
import { AuthService } from './auth.service';
import { LocalSessionBodyDto, LocalSessionDto, LocalUserDto, SignInConfigDto } from './dtos/auth.dtos';

/** How the web console signs people in. Public: it is what a visitor without a token calls first. */
@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('config')
  @ApiOperation({ summary: 'What sign-in this server offers the console: local users (development) and/or the OIDC provider; no token needed' })
  @ApiOkResponse({
    type: SignInConfigDto,
    example: { local: false, oidc: { issuer: 'https://login.example.gov.cn', clientId: 'docket-console', scope: 'openid', redirectPath: '/app/sign-in/callback' } },
  })
  config(): SignInConfigDto {
    return this.auth.signInConfig();
  }

  @Get('local/users')
  @ApiOperation({
    summary: 'Local sign-in (development and tests only): the registry’s active users with their agencies and roles',
    description: '404 LOCAL_SIGN_IN_DISABLED unless the server runs with AUTH_LOCAL_SIGNIN=enabled.',
  })
  @ApiOkResponse({
    type: [LocalUserDto],
    example: [{ id: 'handler-li', displayName: '李明', agencies: [{ agencyId: 'sh-pudong-amr', agencyName: '上海市浦东新区市场监督管理局', roles: ['handler'] }] }],
  })
  @ApiNotFoundResponse({ description: 'LOCAL_SIGN_IN_DISABLED' })
  localUsers(): Promise<LocalUserDto[]> {
    return this.auth.localUsers();
  }

  @Post('local/sessions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Local sign-in (development and tests only): a bearer token for 8 hours as a registered user at one agency',
    description:
      'The token carries the roles the registry grants the user at that agency. 404 LOCAL_SIGN_IN_DISABLED when local sign-in is off, ' +
      '404 USER_NOT_FOUND (field userId), 403 USER_DEACTIVATED, 403 ROLE_NOT_GRANTED (field agencyId) when the user holds no role there.',
  })
  @ApiBody({ type: LocalSessionBodyDto, examples: { 'a handler': { value: { userId: 'handler-li', agencyId: 'sh-pudong-amr' } } } })
  @ApiOkResponse({
    type: LocalSessionDto,
    example: { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…', expiresAt: '2026-11-23T16:00:00.000Z', userId: 'handler-li', agencyId: 'sh-pudong-amr', roles: ['handler'] },
  })
  @ApiBadRequestResponse({ description: 'INVALID_INPUT naming userId or agencyId' })
  @ApiNotFoundResponse({ description: 'LOCAL_SIGN_IN_DISABLED or USER_NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'USER_DEACTIVATED or ROLE_NOT_GRANTED' })
  startLocalSession(@Body() body: LocalSessionBodyDto): Promise<LocalSessionDto> {
    return this.auth.startLocalSession(body.userId, body.agencyId);
  }
}
