import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength,
  ValidateNested,
} from 'class-validator';
import {
  BOOKING_PURPOSES, CLASS_LEVELS, DAY_PARTS, ORGANISATION_KINDS, RESOURCE_KINDS, type BookingPurpose, type ClassLevel, type DayPart,
} from '@equipole/shared';
import { ClassDto, PeriodDto } from '../../bookings/dto/booking.dto';
import { trim, trimToNull } from '../../common/dto';
import type { AnswerValue, CampaignInput, CampaignRequestInput } from '@equipole/shared';

export class CreateCampaignDto implements CampaignInput<Date> {
  @ApiPropertyOptional({ format: 'uuid', description: 'The partner running the campaign (you manage it); every item must be its own. Give this or clusterId.' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A cluster (coordinators only): every item must be offered in it, whichever partner owns it. Give this or organisationId.' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  resourceIds: string[];

  @ApiProperty({ format: 'date', description: 'First local day to allocate.' })
  @IsDateString({ strict: true })
  periodStart: string;

  @ApiProperty({ format: 'date', description: 'Last local day to allocate.' })
  @IsDateString({ strict: true })
  periodEnd: string;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  windowOpensAt: Date;

  @ApiProperty({ format: 'date-time' })
  @Type(() => Date)
  @IsDate()
  windowClosesAt: Date;

  @ApiProperty({ format: 'date', description: 'The day allocations are promised by.' })
  @IsDateString({ strict: true })
  publishBy: string;

  @ApiProperty({ minimum: 30, maximum: 1440, description: 'Length of one allocated session (a "day").' })
  @IsInt()
  @Min(30)
  @Max(1440)
  sessionMinutes: number;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, isArray: true, default: ['school'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ORGANISATION_KINDS, { each: true })
  eligibleKinds: string[] = ['school'];

  @ApiPropertyOptional({ enum: CLASS_LEVELS, isArray: true, description: 'Empty: every level.' })
  @IsOptional()
  @IsArray()
  @IsIn(CLASS_LEVELS, { each: true })
  eligibleLevels: ClassLevel[] = [];

  @ApiPropertyOptional({ minimum: 1, description: 'Sessions per organisation over the campaign.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capPerOrganisation?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Sessions per class (hence per pupil) over the campaign.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  capPerClass?: number;
}

export class CampaignRequestDto implements CampaignRequestInput {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "Answers to the questions of the items the request accepts, keyed by question id." })
  @IsOptional()
  @IsObject()
  answers?: Record<string, AnswerValue>;

  @ApiProperty({ format: 'uuid', description: 'The requesting organisation (you must belong to it).' })
  @IsUUID()
  organisationId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One item of the campaign, or give resourceKind.' })
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @ApiPropertyOptional({ enum: RESOURCE_KINDS, description: 'Any item of the campaign of this kind.' })
  @IsOptional()
  @IsIn(RESOURCE_KINDS)
  resourceKind?: string;

  @ApiProperty({ minimum: 1, maximum: 200 })
  @IsInt()
  @Min(1)
  @Max(200)
  sessions: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 99, default: 1, description: '1 = the most wanted of your organisation’s requests.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  priority = 1;

  @ApiPropertyOptional({ type: [Number], description: 'ISO weekdays, 1 = Monday.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  preferredWeekdays: number[] = [];

  @ApiPropertyOptional({ enum: DAY_PARTS, default: 'any' })
  @IsOptional()
  @IsIn(DAY_PARTS)
  preferredPart: DayPart = 'any';

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  earliest?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  latest?: string;

  @ApiPropertyOptional({ enum: BOOKING_PURPOSES, default: 'course' })
  @IsOptional()
  @IsIn(BOOKING_PURPOSES)
  purpose: BookingPurpose = 'course';

  @ApiProperty({ type: ClassDto })
  @ValidateNested()
  @Type(() => ClassDto)
  class: ClassDto;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  pupils: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class RunAllocationDto {
  @ApiPropertyOptional({ description: 'Published with the result; omitted, a random one is drawn. The same seed on the same requests and free slots gives the same allocation.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  seed?: string;
}

export class ManualAllocationDto extends PeriodDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  requestId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  resourceId: string;
}

export class CopyCampaignDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 1, description: 'Years to move every date by.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  years = 1;
}
