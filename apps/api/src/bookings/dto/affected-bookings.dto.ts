import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  AFFECTED_BOOKING_ACTIONS, type AffectedBookingAction, type AffectedBookingChoice, type AffectedBookingsResolution,
} from '@equipole/shared';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || undefined : value);

export class AffectedBookingChoiceDto implements AffectedBookingChoice {
  @IsUUID()
  bookingId: string;

  @IsIn(AFFECTED_BOOKING_ACTIONS)
  action: AffectedBookingAction;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}

/** The partner's choice for the bookings a change hits; without it such a change is refused (409 BOOKINGS_AFFECTED). */
export class AffectedBookingsDto implements AffectedBookingsResolution {
  @ApiPropertyOptional({ enum: AFFECTED_BOOKING_ACTIONS, description: 'One choice for every affected booking not listed in `choices`.' })
  @IsOptional()
  @IsIn(AFFECTED_BOOKING_ACTIONS)
  all?: AffectedBookingAction;

  @ApiPropertyOptional({ description: 'Sent to the bookers of cancelled bookings (unless a choice has its own).' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;

  @ApiPropertyOptional({ type: [AffectedBookingChoiceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AffectedBookingChoiceDto)
  choices?: AffectedBookingChoiceDto[];
}
