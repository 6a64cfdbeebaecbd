import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { BOOKING_SORTS, BOOKING_STATUSES, type BookingSort, type BookingStatus } from '@equipole/shared';
import { ParticipantsDto } from './booking.dto';
import type { AttendanceRequest, BookingListQuery } from '@equipole/shared';

export class DeclineDto {
  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason: string;
}

export class AttendanceDto implements AttendanceRequest<Date> {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  actualStart: Date;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  actualEnd: Date;

  @ApiProperty({ type: ParticipantsDto })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  participants: ParticipantsDto;
}

export class ListBookingsQuery implements BookingListQuery<Date> {
  @ApiPropertyOptional({ enum: ['mine', 'inbox', 'all'], default: 'mine', description: 'mine: my organisations’ bookings; inbox: requests on equipment I manage; all: coordinators.' })
  @IsOptional()
  @IsIn(['mine', 'inbox', 'all'])
  scope: 'mine' | 'inbox' | 'all' = 'mine';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: BOOKING_STATUSES })
  @IsOptional()
  @IsIn(BOOKING_STATUSES)
  status?: BookingStatus;

  @ApiPropertyOptional({ description: 'Words found in the equipment’s names, its owner, the booking organisation or the notes (accents and case ignored).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @ApiPropertyOptional({ enum: BOOKING_SORTS, description: 'Order (`-` descending), then by start. Default: `start` for the inbox, `-start` otherwise.' })
  @IsOptional()
  @IsIn(BOOKING_SORTS)
  sort?: BookingSort;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}
