import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Role, type Actor } from '@docket/domain';
import { RequestActor } from '../identity/request-actor.decorator';
import { ROLE_HEADER } from '../identity/token-claims';
import {
  AdminService,
  type AgencyPolicyVersion,
  type AgencyPolicyView,
  type CalendarYearView,
  type DiscretionBenchmarkVersion,
  type DiscretionBenchmarkView,
  type StoredAgencyPolicy,
  type StoredCalendarYear,
  type StoredDiscretionBenchmark,
} from './admin.service';
import { AgencyPolicyVersionDto, AgencyPolicyViewDto, StoredAgencyPolicyDto, UpdateAgencyPolicyDto } from './dtos/agency-policy.dtos';
import { CalendarYearBodyDto, CalendarYearViewDto, StoredCalendarYearDto } from './dtos/calendar-year.dtos';
import {
  DISCRETION_BENCHMARK_BODY_EXAMPLE,
  DiscretionBenchmarkBodyDto,
  DiscretionBenchmarkVersionDto,
  DiscretionBenchmarkViewDto,
  StoredDiscretionBenchmarkDto,
} from './dtos/discretion-benchmark.dtos';
import { AllowedRoles } from '../identity/allowed-roles.decorator';

/** Every route here is for role `admin` only; any other role is answered 403 ROLE_NOT_PERMITTED. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiHeader({ name: ROLE_HEADER, required: false, description: 'the role to act in, when the token grants several', example: 'admin' })
@ApiExtraModels(CalendarYearViewDto, AgencyPolicyVersionDto, DiscretionBenchmarkVersionDto)
@AllowedRoles(Role.Admin)
@Controller('admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('agencies/:agencyId/policy')
  @ApiOperation({ summary: "The agency's policy in force, with its version; the rulebook's defaults when it has stored none" })
  @ApiOkResponse({ type: AgencyPolicyViewDto })
  currentPolicy(@Param('agencyId') agencyId: string, @RequestActor() actor: Actor): Promise<AgencyPolicyView> {
    return this.admin.currentPolicy(agencyId, actor);
  }

  @Put('agencies/:agencyId/policy')
  @ApiOperation({
    summary: 'Store a new version of the agency’s policy: the sections given are merged onto the policy in force',
    description:
      'Every version is kept. 409 POLICY_VERSION_EXISTS for a version the agency already has; 400 INVALID_INPUT naming ' +
      'the field for a bad value. The running cases of the agency are signalled with the new policy.',
  })
  @ApiBody({
    type: UpdateAgencyPolicyDto,
    examples: {
      'shorter legal review': {
        value: { version: '2026-03', legalReview: { reviewPeriod: { count: 7, unit: 'working_days' }, fineThreshold: 5000 } },
      },
    },
  })
  @ApiOkResponse({ type: StoredAgencyPolicyDto })
  storePolicy(
    @Param('agencyId') agencyId: string,
    @Body() body: UpdateAgencyPolicyDto,
    @RequestActor() actor: Actor,
  ): Promise<StoredAgencyPolicy> {
    return this.admin.storePolicy(agencyId, body, actor);
  }

  @Get('agencies/:agencyId/policy/versions')
  @ApiOperation({ summary: 'Every stored version of the agency’s policy, newest (in force) first' })
  @ApiOkResponse({ schema: { type: 'array', items: { $ref: getSchemaPath(AgencyPolicyVersionDto) } } })
  policyVersions(@Param('agencyId') agencyId: string, @RequestActor() actor: Actor): Promise<AgencyPolicyVersion[]> {
    return this.admin.policyVersions(agencyId, actor);
  }

  @Get('agencies/:agencyId/benchmark')
  @ApiOperation({
    summary: "The agency's discretion benchmark in force (行政裁量权基准): its newest stored version",
    description:
      'An agency that has stored none is answered 200 with stored: false and benchmark: null, not 404: having no ' +
      'benchmark is a normal state, in which proposed fines are checked against nothing.',
  })
  @ApiOkResponse({ type: DiscretionBenchmarkViewDto })
  currentBenchmark(@Param('agencyId') agencyId: string, @RequestActor() actor: Actor): Promise<DiscretionBenchmarkView> {
    return this.admin.currentBenchmark(agencyId, actor);
  }

  @Put('agencies/:agencyId/benchmark')
  @ApiOperation({
    summary: "Store a new version of the agency's discretion benchmark, which replaces the one in force whole",
    description:
      'Every version is kept, and the newest is in force, published or not (an unpublished one binds nothing, APL 34). ' +
      '400 INVALID_INPUT naming the field for a benchmark that breaks APL 34 or domain.md §5, e.g. ' +
      'items[0].tiers[1].range for a tier outside the statutory range; 409 POLICY_VERSION_EXISTS for a version the ' +
      'agency already has. The running cases of the agency are signalled with the new benchmark.',
  })
  @ApiBody({ type: DiscretionBenchmarkBodyDto, examples: { 'four tiers, one item': { value: DISCRETION_BENCHMARK_BODY_EXAMPLE } } })
  @ApiOkResponse({ type: StoredDiscretionBenchmarkDto })
  storeBenchmark(
    @Param('agencyId') agencyId: string,
    @Body() body: DiscretionBenchmarkBodyDto,
    @RequestActor() actor: Actor,
  ): Promise<StoredDiscretionBenchmark> {
    return this.admin.storeBenchmark(agencyId, body, actor);
  }

  @Get('agencies/:agencyId/benchmark/versions')
  @ApiOperation({ summary: "Every stored version of the agency's discretion benchmark, newest (in force) first" })
  @ApiOkResponse({ schema: { type: 'array', items: { $ref: getSchemaPath(DiscretionBenchmarkVersionDto) } } })
  benchmarkVersions(@Param('agencyId') agencyId: string, @RequestActor() actor: Actor): Promise<DiscretionBenchmarkVersion[]> {
    return this.admin.benchmarkVersions(agencyId, actor);
  }

  @Get('calendars')
  @ApiOperation({
    summary: 'The working-day calendar in force, by year: years loaded by admins, and the built-in PRC years for the others',
  })
  @ApiOkResponse({ schema: { type: 'array', items: { $ref: getSchemaPath(CalendarYearViewDto) } } })
  calendarYears(@RequestActor() actor: Actor): Promise<CalendarYearView[]> {
    return this.admin.calendarYears(actor);
  }

  @Put('calendars/:year')
  @ApiOperation({
    summary: 'Load (or replace) one year of the official holiday calendar (国务院办公厅节假日安排通知)',
    description:
      '400 INVALID_INPUT naming the item at fault, e.g. makeUpWorkdays[1] for a make-up workday that is not a weekend. ' +
      'Every running case of every agency is signalled with its policy and the new calendar.',
  })
  @ApiBody({ type: CalendarYearBodyDto })
  @ApiOkResponse({ type: StoredCalendarYearDto })
  storeCalendarYear(
    @Param('year') year: string,
    @Body() body: CalendarYearBodyDto,
    @RequestActor() actor: Actor,
  ): Promise<StoredCalendarYear> {
    return this.admin.storeCalendarYear(year, body, actor);
  }
}
