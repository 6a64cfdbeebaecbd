import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { trim, trimToNull } from '../../common/dto';

export class OpenIndicatorsQuery {
  @ApiPropertyOptional({ example: '2025-01', description: 'First month (YYYY-MM); default: 12 months before `to`.' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ example: '2025-12', description: 'Last month (YYYY-MM); default: the last whole month.' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  clusterId?: string;
}

export class PeriodQuery {
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) from: string;
  @ApiProperty({ format: 'date' }) @IsDateString({ strict: true }) to: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() clusterId?: string;
}

export class CreateStoryDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) title: string;
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(8000) body: string;

  @ApiPropertyOptional({ description: 'https:// address or a path of this site' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @Matches(/^(https:\/\/|\/)/)
  @MaxLength(2000)
  photoUrl?: string | null;

  @ApiPropertyOptional() @IsOptional() @Transform(trimToNull) @IsString() @MaxLength(300) photoAlt?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  partnerIds: string[] = [];
}
