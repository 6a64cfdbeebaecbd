import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDate, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min,
  MinLength, ValidateNested,
} from 'class-validator';
import { BOOKING_PURPOSES, CLASS_LEVELS, type AnswerValue, type BookingPurpose, type ClassDetails, type ClassLevel } from '@equipole/shared';
import { trimToNull } from '../../common/dto';
import type { BookingRequest, Participants, Period, Range, SeriesRequest, SingleBookingRequest } from '@equipole/shared';

export class ParticipantsDto implements Participants {
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  pupils = 0;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  apprentices = 0;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  jobSeekers = 0;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  trainers = 0;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  employees = 0;
}

/** The class a booking (or a campaign request) is for. */
export class ClassDto implements ClassDetails {
  @ApiProperty({ enum: CLASS_LEVELS })
  @IsIn(CLASS_LEVELS)
  level: ClassLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: 7, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  year: number | null = null;

  @ApiPropertyOptional({ nullable: true, description: 'Option, studierichting or formation.' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  section: string | null = null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  teacher: string | null = null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  trainerRequested = false;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  module: string | null = null;
}

/** What a booking request says besides its time. */
export class BookingRequestDto implements BookingRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  resourceId: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation booking (you must belong to it).' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ enum: BOOKING_PURPOSES })
  @IsIn(BOOKING_PURPOSES)
  purpose: BookingPurpose;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  occupationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A named trainer (a member of the booking organisation).' })
  @IsOptional()
  @IsUUID()
  trainerId?: string;

  @ApiPropertyOptional({ type: ParticipantsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipantsDto)
  participants: ParticipantsDto = new ParticipantsDto();

  @ApiPropertyOptional({ type: ClassDto, nullable: true, description: 'The class the booking is for.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClassDto)
  class?: ClassDto | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({
    type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: "Answers to the item's own questions (GET /api/resources/:id/questions), keyed by question id; checked in the booking's transaction.",
  })
  @IsOptional()
  @IsObject()
  answers?: Record<string, AnswerValue>;
}

export class CreateBookingDto extends BookingRequestDto implements SingleBookingRequest<Date> {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  start: Date;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  end: Date;
}

export class CreateSeriesDto extends BookingRequestDto implements SeriesRequest {
  @ApiProperty({ type: [Number], description: 'ISO weekdays, 1 = Monday.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays: number[];

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 8 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  intervalWeeks = 1;

  @ApiProperty({ example: '08:30', description: 'Local time at the site.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  startTime: string;

  @ApiProperty({ example: '12:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/)
  endTime: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  startsOn: string;

  @ApiProperty({ format: 'date' })
  @IsDateString({ strict: true })
  endsOn: string;

  @ApiProperty({ enum: ['all_or_nothing', 'skip_conflicts'] })
  @IsIn(['all_or_nothing', 'skip_conflicts'])
  mode: 'all_or_nothing' | 'skip_conflicts';
}

export class ReasonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}

/** A period: a booking's new time, a manual campaign allocation. */
export class PeriodDto implements Period<Date> {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  start: Date;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  end: Date;
}

export class RescheduleDto extends PeriodDto {}

export class RangeQuery implements Range<Date> {
  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  to: Date;
}
