import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { ACCESS_POLICIES, APPROVAL_MODES, MAX_HORIZON_DAYS, TIME_OF_DAY, type AccessPolicy, type ApprovalMode, type Weekday } from '@equipole/shared';
import type { OpeningInterval, RulesInput } from '@equipole/shared';

export class OpeningIntervalDto implements OpeningInterval {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday: Weekday;

  @ApiProperty({ example: '08:00' })
  @Matches(TIME_OF_DAY)
  start: string;

  @ApiProperty({ example: '12:00' })
  @Matches(TIME_OF_DAY)
  end: string;
}

/** Booking rules of one item (or the defaults of a site or organisation). */
export class BookingRulesDto implements RulesInput {
  @ApiProperty({ type: [OpeningIntervalDto] })
  @IsArray()
  @ArrayMaxSize(70)
  @ValidateNested({ each: true })
  @Type(() => OpeningIntervalDto)
  openingHours: OpeningIntervalDto[];

  @ApiProperty({ enum: [5, 10, 15, 20, 30, 60] })
  @IsIn([5, 10, 15, 20, 30, 60])
  slotMinutes: number;

  @ApiProperty()
  @IsInt()
  @Min(5)
  @Max(1440)
  minDurationMinutes: number;

  @ApiProperty()
  @IsInt()
  @Min(5)
  @Max(14 * 1440)
  maxDurationMinutes: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(60 * 1440)
  leadTimeMinutes: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_HORIZON_DAYS)
  horizonDays: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(480)
  bufferBeforeMinutes: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(480)
  bufferAfterMinutes: number;

  @ApiProperty({ enum: APPROVAL_MODES })
  @IsIn(APPROVAL_MODES)
  approvalMode: ApprovalMode;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(15)
  @Max(7 * 1440)
  quotaWeekMinutes: number | null;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(15)
  @Max(31 * 1440)
  quotaMonthMinutes: number | null;

  @ApiProperty({ enum: ACCESS_POLICIES })
  @IsIn(ACCESS_POLICIES)
  accessPolicy: AccessPolicy;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(720)
  cancelCutoffHours: number;

  @ApiPropertyOptional({ type: [String], description: 'With accessPolicy "listed": the organisations that may book.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  allowedOrganisationIds?: string[];
}
