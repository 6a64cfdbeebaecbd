import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsLatitude, IsLongitude, IsOptional, IsString, Matches, MaxLength, MinLength, registerDecorator } from 'class-validator';
import { IANAZone } from 'luxon';
import { COUNTRIES, REGIONS, type Country, type Region } from '@equipole/shared';
import { trimToNull } from '../../common/dto';
import type { SiteInput } from '@equipole/shared';

function IsTimeZone() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      validator: { validate: (value: unknown) => typeof value === 'string' && IANAZone.isValidZone(value) && value.includes('/') },
    });
}

export class CreateSiteDto implements SiteInput {
  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @Matches(/^\d{4,5}$/)
  postcode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiProperty({ enum: COUNTRIES })
  @IsIn(COUNTRIES)
  country: Country;

  @ApiProperty({ enum: REGIONS, description: 'Decides which list of occupations in shortage applies.' })
  @IsIn(REGIONS)
  region: Region;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsLatitude()
  latitude?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsLongitude()
  longitude?: number | null;

  @ApiPropertyOptional({ default: 'Europe/Brussels', description: 'IANA time zone of the site.' })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;
}

export class UpdateSiteDto extends PartialType(CreateSiteDto) {}
