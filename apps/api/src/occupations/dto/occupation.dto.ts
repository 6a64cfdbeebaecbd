import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { SECTORS, type Sector } from '@equipole/shared';
import { trimToNull } from '../../common/dto';
import type { OccupationInput, ShortageInput } from '@equipole/shared';

export class CreateOccupationDto implements OccupationInput {
  @ApiProperty({ example: 'cnc-operator' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(80)
  code: string;

  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  labelFr: string;

  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  labelNl: string;

  @ApiProperty()
  @Transform(trimToNull)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  labelEn: string;

  @ApiProperty({ enum: SECTORS })
  @IsIn(SECTORS)
  sector: Sector;

  @ApiPropertyOptional({ example: 'http://data.europa.eu/esco/occupation/…' })
  @IsOptional()
  @Transform(trimToNull)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  escoUri?: string | null;

  @ApiPropertyOptional({ example: '7223', description: 'ISCO-08 unit group' })
  @IsOptional()
  @Transform(trimToNull)
  @Matches(/^\d{4}$/)
  iscoCode?: string | null;

  @ApiPropertyOptional({ example: 'H2903', description: 'French ROME code' })
  @IsOptional()
  @Transform(trimToNull)
  @Matches(/^[A-N]\d{4}$/)
  romeCode?: string | null;
}

export class UpdateOccupationDto extends PartialType(CreateOccupationDto) {}

export class SetShortageDto implements ShortageInput {
  @ApiProperty()
  @IsBoolean()
  inShortage: boolean;

  @ApiPropertyOptional({ format: 'date', description: 'Date of the official list the flag comes from.' })
  @IsOptional()
  @IsDateString({ strict: true })
  listDate?: string | null;

  @ApiPropertyOptional({ description: 'Which list (e.g. "Le Forem — fonctions critiques 2025").' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  source?: string | null;
}
