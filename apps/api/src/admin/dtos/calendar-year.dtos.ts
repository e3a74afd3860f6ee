import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { PRC_WORKING_CALENDAR_2026 } from '@docket/domain';

/**
 * One year of the official holiday calendar, as the State Council's notice prints it. The dates are
 * checked by the domain (createWorkingCalendar), which names the item at fault, e.g. `holidays[3]`.
 */
export class CalendarYearBodyDto {
  @ApiProperty({
    description: "Rest days that would otherwise be working days, 'YYYY-MM-DD', all in the year",
    example: PRC_WORKING_CALENDAR_2026.holidays,
  })
  @IsArray()
  holidays!: string[];

  @ApiProperty({ description: '调休上班: Saturdays and Sundays that are working days', example: PRC_WORKING_CALENDAR_2026.makeUpWorkdays })
  @IsArray()
  makeUpWorkdays!: string[];

  @ApiPropertyOptional({ description: 'Where the dates were taken from', example: PRC_WORKING_CALENDAR_2026.source, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  source?: string;
}

/** The documented shape of a calendar year in force. */
export class CalendarYearViewDto {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ example: PRC_WORKING_CALENDAR_2026.holidays })
  holidays!: string[];

  @ApiProperty({ example: PRC_WORKING_CALENDAR_2026.makeUpWorkdays })
  makeUpWorkdays!: string[];

  @ApiProperty({ nullable: true, example: PRC_WORKING_CALENDAR_2026.source })
  source!: string | null;

  @ApiProperty({
    enum: ['stored', 'built_in'],
    description: 'stored: loaded by an admin; built_in: the PRC calendar shipped with Docket, for a year none was loaded',
    example: 'stored',
  })
  origin!: 'stored' | 'built_in';

  @ApiProperty({ nullable: true, example: '2025-11-05T01:00:00.000Z' })
  loadedAt!: string | null;

  @ApiProperty({ nullable: true, example: 'admin-zhou' })
  loadedBy!: string | null;
}

/** The documented answer to storing a calendar year. */
export class StoredCalendarYearDto extends CalendarYearViewDto {
  @ApiProperty({ description: 'Running cases of every agency told of the change (casePolicyChanged)', example: 57 })
  signalledCases!: number;

  @ApiProperty({ description: 'Running cases the workflow service could not reach; see the API log', example: 0 })
  failedSignals!: number;
}
