import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDate, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min,
  MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  COST_MODELS, RESOURCE_KINDS, RESOURCE_STATUSES, SECTORS, type CostModel, type ResourceKind, type ResourceStatus, type Sector,
} from '@equipole/shared';
import { AffectedBookingsDto } from '../../bookings/dto/affected-bookings.dto';
import { BookingRulesDto } from './rules.dto';
import { trimToNull } from '../../common/dto';
import type { ResourceInput, ResourceLink, ResourceSearchParams, ResourceUpdate } from '@equipole/shared';

export class ResourceLinkDto implements ResourceLink {
  @ApiProperty({ enum: ['manual', 'safety_sheet', 'video', 'other'] })
  @IsIn(['manual', 'safety_sheet', 'video', 'other'])
  kind: 'manual' | 'safety_sheet' | 'video' | 'other';

  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;

  @ApiProperty()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  url: string;
}

export class CreateResourceDto implements ResourceInput {
  @ApiProperty({ format: 'uuid', description: 'The owner; you must manage it.' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ format: 'uuid', description: 'A site of the owner.' })
  @IsUUID()
  siteId: string;

  @ApiProperty({ enum: RESOURCE_KINDS })
  @IsIn(RESOURCE_KINDS)
  kind: ResourceKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  nameFr?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  nameNl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  descriptionFr?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  descriptionNl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  descriptionEn?: string | null;

  @ApiProperty({ minimum: 1, maximum: 1000, description: 'Learners at once.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector | null;

  @ApiPropertyOptional({ enum: RESOURCE_STATUSES })
  @IsOptional()
  @IsIn(RESOURCE_STATUSES)
  status?: ResourceStatus;

  @ApiPropertyOptional({ format: 'date', description: 'First day on the platform (local date of the site), for an item that existed before it was published; default: the creation day. No open time is reported before it.' })
  @IsOptional()
  @IsDateString({ strict: true })
  availableFrom?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  withOperator?: boolean;

  @ApiPropertyOptional({ enum: COST_MODELS })
  @IsOptional()
  @IsIn(COST_MODELS)
  costModel?: CostModel;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100000)
  hourlyRate?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(1000)
  costNote?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  occupationIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Clusters the item is offered in; the owner must be a member.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  clusterIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A credential of the owner that bookers must hold.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  requiredCredentialId?: string | null;

  @ApiPropertyOptional({ type: [ResourceLinkDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResourceLinkDto)
  links?: ResourceLinkDto[];

  @ApiPropertyOptional({ type: BookingRulesDto, description: 'Defaults: the site’s, else the organisation’s, else the platform’s.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BookingRulesDto)
  rules?: BookingRulesDto;

  @ApiPropertyOptional({ default: 15, description: 'How many minutes before a booking its holder may check in at the machine.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(240)
  checkinMarginMinutes?: number;

  @ApiPropertyOptional({ nullable: true, description: 'Release a confirmed booking not checked in this many minutes after its start (a no-show); null = never.' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(5)
  @Max(240)
  autoReleaseMinutes?: number | null;
}

export class UpdateResourceDto extends PartialType(OmitType(CreateResourceDto, ['organisationId'] as const)) implements ResourceUpdate {
  @ApiPropertyOptional({ type: AffectedBookingsDto, description: 'Required when new opening hours take away time that pending or confirmed bookings hold.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AffectedBookingsDto)
  affectedBookings?: AffectedBookingsDto;
}

export class SearchResourcesQuery implements ResourceSearchParams<Date> {
  @ApiPropertyOptional({ description: 'Words in any language; accents, case and word endings are forgiven.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  occupationId?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @ApiPropertyOptional({ enum: RESOURCE_KINDS })
  @IsOptional()
  @IsIn(RESOURCE_KINDS)
  kind?: ResourceKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: ['BE', 'FR'] })
  @IsOptional()
  @IsIn(['BE', 'FR'])
  country?: 'BE' | 'FR';

  @ApiPropertyOptional({ description: 'A postcode, a town, or "lat,lng".' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  near?: string;

  @ApiPropertyOptional({ description: 'With near: only items within this many kilometres.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  radiusKm?: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'With freeTo: only items open and unbooked for the whole window.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  freeFrom?: Date;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  freeTo?: Date;

  @ApiPropertyOptional({ description: 'Include items under maintenance or retired (managers’ lists).' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeInactive?: boolean;

  @ApiPropertyOptional({ enum: ['relevance', 'distance', 'name'] })
  @IsOptional()
  @IsIn(['relevance', 'distance', 'name'])
  sort?: 'relevance' | 'distance' | 'name';

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;
}
