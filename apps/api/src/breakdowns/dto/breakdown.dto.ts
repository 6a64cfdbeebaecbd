import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BREAKDOWN_CATEGORIES, type BreakdownCategory, type BreakdownStatus } from '@equipole/shared';
import { AffectedBookingsDto } from '../../bookings/dto/affected-bookings.dto';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateBreakdownDto {
  @IsIn(BREAKDOWN_CATEGORIES)
  category: BreakdownCategory;

  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ default: false, description: 'The machine cannot be used: it goes into maintenance until the report is resolved.' })
  @IsOptional()
  @IsBoolean()
  unusable?: boolean;

  @ApiPropertyOptional({ type: AffectedBookingsDto, description: 'For a manager reporting an unusable item over bookings (else 409 BOOKINGS_AFFECTED).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AffectedBookingsDto)
  affectedBookings?: AffectedBookingsDto;
}

export class AcknowledgeBreakdownDto {
  @ApiPropertyOptional({ type: AffectedBookingsDto, description: 'For an unusable item: what becomes of the bookings it hits (else 409 BOOKINGS_AFFECTED).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AffectedBookingsDto)
  affectedBookings?: AffectedBookingsDto;
}

export class ResolveBreakdownDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListBreakdownsQuery {
  @IsOptional()
  @IsUUID()
  resourceId?: string;

  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'resolved', 'unresolved'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'resolved', 'unresolved'])
  status?: BreakdownStatus | 'unresolved';
}

export class DowntimeQuery {
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Type(() => Date)
  @IsDate()
  to: Date;

  @IsOptional()
  @IsUUID()
  organisationId?: string;
}
