import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CLUE_SOURCES, TEXT_LIMITS, type ClueSource, type PartyType } from '@docket/domain';

export class PartyDto {
  @ApiProperty({ enum: ['individual', 'organization'], example: 'organization' })
  @IsIn(['individual', 'organization'])
  type!: PartyType;

  @ApiProperty({ example: '某某食品有限公司', maxLength: TEXT_LIMITS.short })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.short)
  name!: string;

  @ApiPropertyOptional({ description: 'Resident ID or unified social credit code', example: '91310000MA1FL4XXXX' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  idNumber?: string;
}

export class RegisterCaseDto {
  @ApiPropertyOptional({
    description: 'Chosen by the client so a retried request finds the case it created; generated when absent',
    example: '0b6f6a4e-8c1b-4d59-9a51-6d0e7d2d8a10',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiProperty({ enum: CLUE_SOURCES, example: 'complaint' })
  @IsIn(CLUE_SOURCES)
  source!: ClueSource;

  @ApiProperty({ example: 'Complaint: expired food on sale at the Xinhua Road shop', maxLength: TEXT_LIMITS.long })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMITS.long)
  summary!: string;

  @ApiPropertyOptional({ example: 'FSL-124-1-3' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  violationCode?: string;

  @ApiPropertyOptional({ description: 'When the act was committed or ended (APL 36 limitation period)', example: '2026-10-02' })
  @IsOptional()
  @IsISO8601({ strict: true })
  violationEndedAt?: string;

  @ApiPropertyOptional({ description: 'The act touches life, health or financial safety: 5-year limitation instead of 2', example: true })
  @IsOptional()
  @IsBoolean()
  touchesLifeHealthOrFinance?: boolean;

  @ApiProperty({ type: PartyDto })
  // ValidateNested alone lets a missing party through to the service.
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  party!: PartyDto;
}
