import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { AffectedBookingsDto } from '../../bookings/dto/affected-bookings.dto';
import type { ClosureInput } from '@equipole/shared';

export class CreateClosureDto implements ClosureInput {
  @ApiProperty({ format: 'date', description: 'First local day (for a yearly closure, only month and day count).' })
  @IsDateString({ strict: true })
  startsOn: string;

  @ApiProperty({ format: 'date', description: 'Last local day, inclusive.' })
  @IsDateString({ strict: true })
  endsOn: string;

  @ApiPropertyOptional({ example: '10:00', nullable: true, description: 'With endTime: only this window of each day is closed.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
  startTime?: string | null;

  @ApiPropertyOptional({ example: '14:00', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
  endTime?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Repeats every year (school holidays…).' })
  @IsOptional()
  @IsBoolean()
  yearly?: boolean;

  @ApiProperty({ example: 'Vacances de Noël' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  reason: string;

  @ApiPropertyOptional({ default: false, description: 'Records a one-off closure that ended before today (a fact for the reports); without it such a closure is refused (400, `closureInPast`).' })
  @IsOptional()
  @IsBoolean()
  recordPast?: boolean;

  @ApiPropertyOptional({ type: AffectedBookingsDto, description: 'Required when the closure hits pending or confirmed bookings (else 409 BOOKINGS_AFFECTED lists them).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AffectedBookingsDto)
  affectedBookings?: AffectedBookingsDto;
}
