import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Every action may name the case version it was decided on; a stale one is refused with 409. */
export class VersionedActionDto {
  @ApiPropertyOptional({ description: 'The case version the user saw; refused if the case has moved on', example: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
