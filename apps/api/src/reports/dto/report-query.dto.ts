import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateBy } from 'class-validator';
import { COUNTRIES, LOCALES, REPORT_SCOPES, RESOURCE_KINDS, SECTORS, type Country, type Locale, type ReportScope, type ResourceKind, type Sector } from '@equipole/shared';

/** A real calendar day written YYYY-MM-DD (2025-02-30 fails); reported as `isDateString` so the message is "Invalid date". */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
const IsCalendarDay = () => ValidateBy({ name: 'isDateString', validator: { validate: isCalendarDay } });

/** Filters shared by every report block; `from` and `to` are local days, both included. */
export class ReportQuery {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'First local day of the period (included).' })
  @IsCalendarDay()
  from: string;

  @ApiProperty({ format: 'date', example: '2026-03-31', description: 'Last local day of the period (included); at most 1,096 days after `from`.' })
  @IsCalendarDay()
  to: string;

  @ApiPropertyOptional({ enum: REPORT_SCOPES, description: 'network: coordinators; partner: equipment of organisations you manage; school: your organisations’ bookings. Default by role.' })
  @IsOptional()
  @IsIn(REPORT_SCOPES)
  scope?: ReportScope;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Equipment linked to this occupation, and bookings made for it.' })
  @IsOptional()
  @IsUUID()
  occupationId?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerOrganisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  bookingOrganisationId?: string;

  @ApiPropertyOptional({ enum: RESOURCE_KINDS })
  @IsOptional()
  @IsIn(RESOURCE_KINDS)
  kind?: ResourceKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ enum: COUNTRIES, description: 'Country of the equipment’s site.' })
  @IsOptional()
  @IsIn(COUNTRIES)
  country?: Country;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of CSV headers and labels (default: yours, else Accept-Language).' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
